import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allowedTransitions } from '../../../core/lifecycle';
import { LIMITS } from '../../../core/limits';
import { canInCouncil, type CouncilPrincipal } from '../../../core/policies';
import {
  ZCreateProposal,
  ZCreateReview,
  ZProposalContent,
  ZProposalView,
  ZReviewView,
  ZSaveProposal,
  ZTransitionRequest,
  ZVersionSummary,
  type ProposalContent,
} from '../../../core/proposals';
import { alias } from 'drizzle-orm/pg-core';
import { ZPersonNames } from '../../../core/people';
import { auditEvents, councils, proposalReviews, studyGroups, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { requireActor } from '../../http/auth';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { authorize, councilRolesOf, groupAccess, visibleGroupCondition } from '../study-groups/policy';
import { latestVersion, listDecisions, listReviews, listVersions, versionByNumber } from './queries';
import { createProposal, saveProposal } from './save-proposal';
import { TRANSITION_ACTION, assertTransitionAllowed, transitionGroup } from './transition-group';

const tags = ['proposals'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZGroupParams = z.object({ slug: ZSlug });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const ZGroupRef = z.object({
  slug: z.string(),
  title: z.string(),
  status: z.string(),
  kind: z.string(),
  focus: z.string().nullable(),
  participantCount: z.number().int(),
});

export async function proposalRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  async function councilFor(actor: Actor, slug: string) {
    const [council] = await db.select().from(councils).where(eq(councils.slug, slug)).limit(1);
    if (!council) throw notFound('No such council.');
    const roles = (await councilRolesOf(db, actor.user.id)).filter((r) => r.councilId === council.id);
    const principals = new Set<CouncilPrincipal>(roles.map((r) => (r.role === 'secretariat' ? 'council_secretariat' : r.role)));
    if (actor.user.isAdmin) principals.add('admin');
    return { council, roles, principals };
  }

  async function proposalView(actor: Actor, slug: string) {
    const access = await groupAccess(root, actor, slug);
    const { group } = access.snapshot;
    const [latest, versions, decisions] = await Promise.all([latestVersion(db, group.id), listVersions(db, group.id), listDecisions(db, group.id)]);
    if (!latest) throw notFound('This group has no proposal on record.');
    const reviews = access.allowed.includes('reviews.view') ? await listReviews(db, group.id) : null;
    const summary = (v: { number: number; note: string | null; createdAt: Date; createdBy: string | null; submittedAt: Date | null }) => ({
      number: v.number,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
      submittedAt: iso(v.submittedAt),
    });
    const latestSummary = versions.find((v) => v.number === latest.number);
    return {
      slug: group.slug,
      status: group.status,
      current: { ...summary(latestSummary ?? { ...latest, createdBy: null }), content: latest.content },
      versions: versions.map(summary),
      decisions: decisions.map(({ d, scNumber, scHeldOn, scPlace, decidedBy }) => ({
        transition: d.transition,
        fromStatus: d.fromStatus,
        toStatus: d.toStatus,
        scMeeting: scNumber !== null && scHeldOn && scPlace ? { number: scNumber, heldOn: scHeldOn, place: scPlace } : null,
        reasons: d.reasons,
        termEnd: d.termEnd,
        versionNumber: d.versionNumber,
        decidedBy,
        decidedAt: d.decidedAt.toISOString(),
      })),
      reviews: reviews?.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) ?? null,
      allowedTransitions: allowedTransitions(group.status).filter((t) => access.allowed.includes(TRANSITION_ACTION[t])),
      allowedActions: access.allowed,
    };
  }

  app.post(
    '/api/councils/:councilSlug/proposals',
    { schema: { tags, summary: 'Draft a study-group proposal for a member committee', params: z.object({ councilSlug: ZSlug }), body: ZCreateProposal, response: { 201: ZProposalView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { council, roles, principals } = await councilFor(actor, req.params.councilSlug);
      if (!canInCouncil(principals, 'proposal.create')) throw new AppError('auth.forbidden', 'Proposals come from a member committee’s Steering Committee representative or the secretariat.');
      // A representative proposes for the committee they represent.
      const represents = roles.filter((r) => r.role === 'sc_member').map((r) => r.committeeId);
      const mayChoose = principals.has('admin') || principals.has('council_secretariat') || principals.has('sc_co_chair');
      if (!mayChoose && !represents.includes(req.body.content.proposingCommitteeId)) {
        throw new AppError('auth.forbidden', 'You may propose only for the member committee you represent.');
      }
      const group = await db.transaction((tx) => createProposal(tx, { actor, councilId: council.id, content: req.body.content, note: req.body.note }));
      return reply.code(201).send(await proposalView(actor, group.slug));
    },
  );

  app.get('/api/study-groups/:slug/proposal', { schema: { tags, summary: 'The proposal: latest version, history, decisions, review', params: ZGroupParams, response: { 200: ZProposalView } } }, async (req) =>
    proposalView(requireActor(req), req.params.slug),
  );

  app.get(
    '/api/study-groups/:slug/proposal/versions/:number',
    { schema: { tags, summary: 'One version of the proposal', params: ZGroupParams.extend({ number: z.coerce.number().int().min(1).max(100_000) }), response: { 200: ZVersionSummary.extend({ content: ZProposalContent }) } } },
    async (req) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      const v = await versionByNumber(db, access.snapshot.group.id, req.params.number);
      if (!v) throw notFound('No such version.');
      const [author] = v.createdBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, v.createdBy)) : [];
      return { number: v.number, note: v.note, createdAt: v.createdAt.toISOString(), createdBy: author?.name ?? null, submittedAt: iso(v.submittedAt), content: v.content };
    },
  );

  app.put(
    '/api/study-groups/:slug/proposal',
    { schema: { tags, summary: 'Save the proposal as a new draft version (draft or returned only)', params: ZGroupParams, body: ZSaveProposal, response: { 200: ZProposalView } } },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      if (!access.allowed.includes('proposal.edit') && access.principals.has('proposer') && !['draft', 'returned'].includes(access.snapshot.group.status)) {
        throw new AppError('proposal.not_editable', `The proposal is ${access.snapshot.group.status}: it cannot be changed in place.`);
      }
      authorize(access, 'proposal.edit');
      await db.transaction((tx) => saveProposal(tx, { actor, group: access.snapshot.group, content: req.body.content, note: req.body.note, baseVersion: req.body.baseVersion }));
      // Read back what was written: wait until the change reached this process's caches.
      await root.changes.sync();
      return proposalView(actor, req.params.slug);
    },
  );

  app.post(
    '/api/study-groups/:slug/transitions',
    { schema: { tags, summary: 'Take a lifecycle step: submit, withdraw, approve, return, reject, activate, extend, begin_conclusion, conclude', params: ZGroupParams, body: ZTransitionRequest, response: { 200: ZProposalView } } },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      if (access.snapshot.group.kind === 'sub_group') throw new AppError('lifecycle.transition_not_allowed', 'A sub-group follows its parent’s term.', { data: { allowed: [] } });
      assertTransitionAllowed(access.snapshot.group.status, req.body.transition);
      authorize(access, TRANSITION_ACTION[req.body.transition]);
      await db.transaction((tx) => transitionGroup(tx, { actor, group: access.snapshot.group, ...req.body }));
      await root.changes.sync();
      return proposalView(actor, req.params.slug);
    },
  );

  app.get('/api/study-groups/:slug/reviews', { schema: { tags, summary: 'The Steering Committee’s review comments', params: ZGroupParams, response: { 200: z.array(ZReviewView) } } }, async (req) => {
    const access = await groupAccess(root, requireActor(req), req.params.slug);
    authorize(access, 'reviews.view');
    return (await listReviews(db, access.snapshot.group.id)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  });

  app.post(
    '/api/study-groups/:slug/reviews',
    { schema: { tags, summary: 'Comment on a submitted proposal (SC members and proposers)', params: ZGroupParams, body: ZCreateReview, response: { 201: ZReviewView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'proposal.review');
      const group = access.snapshot.group;
      const review = await db.transaction(async (tx) => {
        const latest = await latestVersion(tx, group.id);
        const [row] = await tx.insert(proposalReviews).values({ groupId: group.id, versionNumber: latest?.number ?? 1, authorId: actor.user.id, body: req.body.body }).returning();
        if (!row) throw new Error('insert returned nothing');
        await recordAudit(tx, { actorId: actor.user.id, action: 'proposal.reviewed', targetType: 'study_group', targetId: group.id, groupId: group.id, data: { version: row.versionNumber } });
        return row;
      });
      return reply.code(201).send({ id: review.id, versionNumber: review.versionNumber, author: actor.user.displayName, body: review.body, createdAt: review.createdAt.toISOString() });
    },
  );

  app.post(
    '/api/study-groups/:slug/follow-on',
    { schema: { tags, summary: 'Start a follow-on proposal prefilled from a concluding or concluded group (objective (d))', params: ZGroupParams, response: { 201: ZProposalView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'followon.create');
      const group = access.snapshot.group;
      const latest = await latestVersion(db, group.id);
      const start = new Date(`${group.termEnd}T00:00:00Z`);
      start.setUTCDate(start.getUTCDate() + 1);
      const end = new Date(start);
      end.setUTCFullYear(end.getUTCFullYear() + 2);
      end.setUTCDate(end.getUTCDate() - 1);
      const base: ProposalContent = latest?.content ?? {
        charter: group.charter,
        termStart: group.termStart,
        termEnd: group.termEnd,
        proposingCommitteeId: group.proposingCommitteeId as string,
        coChairCommitteeIds: access.snapshot.overview.coChairCommittees.map((c) => c.id),
        plannedMeetings: [],
      };
      const content: ProposalContent = {
        ...base,
        termStart: start.toISOString().slice(0, 10),
        termEnd: end.toISOString().slice(0, 10),
        plannedMeetings: base.plannedMeetings.map((m) => ({ ...m, plannedMonth: null })),
      };
      const created = await db.transaction((tx) => createProposal(tx, { actor, councilId: group.councilId, content, note: `Follow-on of ${group.title}`, followsGroupId: group.id }));
      return reply.code(201).send(await proposalView(actor, created.slug));
    },
  );

  app.get(
    '/api/study-groups/:slug/lineage',
    { schema: { tags, summary: 'The group this one follows on from, and its follow-ons (those you may see)', params: ZGroupParams, response: { 200: z.object({ follows: ZGroupRef.nullable(), followOns: z.array(ZGroupRef), parent: ZGroupRef.nullable(), subGroups: z.array(ZGroupRef) }) } } },
    async (req) => {
      const actor = requireActor(req);
      const { group } = (await groupAccess(root, actor, req.params.slug)).snapshot;
      const visible = visibleGroupCondition(actor);
      const ref = {
        slug: studyGroups.slug,
        title: studyGroups.title,
        status: studyGroups.status,
        kind: studyGroups.kind,
        focus: studyGroups.focus,
        participantCount: sql<number>`(SELECT count(DISTINCT gm.user_id)::int FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = study_groups.id AND gm.ended_at IS NULL AND u.disabled_at IS NULL)`,
      };
      const related = (cond: SQL) => db.select(ref).from(studyGroups).where(and(cond, visible)).orderBy(asc(studyGroups.termStart), asc(studyGroups.title));
      const [follows, followOns, parent, subGroups] = await Promise.all([
        group.followsGroupId ? related(eq(studyGroups.id, group.followsGroupId)) : Promise.resolve([]),
        related(eq(studyGroups.followsGroupId, group.id)),
        group.parentGroupId ? related(eq(studyGroups.id, group.parentGroupId)) : Promise.resolve([]),
        related(eq(studyGroups.parentGroupId, group.id)),
      ]);
      return { follows: follows[0] ?? null, followOns, parent: parent[0] ?? null, subGroups };
    },
  );

  const ZAuditQuery = z.object({
    action: z.string().trim().max(80).optional(),
    actorId: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  });
  const ZAuditPerson = z.object({ id: z.string(), displayName: z.string(), names: ZPersonNames });
  const ZAuditItem = z.object({
    id: z.number(),
    at: z.iso.datetime(),
    actor: ZAuditPerson.nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    /** The person an event is about (an invitation, a membership), by name. */
    targetPerson: ZAuditPerson.nullable(),
    data: z.record(z.string(), z.unknown()),
  });

  app.get(
    '/api/study-groups/:slug/audit',
    { schema: { tags: ['audit'], summary: "The group's audit trail (co-chairs and the secretariat), newest first", params: ZGroupParams, querystring: ZAuditQuery, response: { 200: z.object({ items: z.array(ZAuditItem), total: z.number(), page: z.number(), pageSize: z.number(), actions: z.array(z.string()), actors: z.array(ZAuditPerson) }) } } },
    async (req) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      authorize(access, 'audit.view');
      const q = req.query;
      const groupId = access.snapshot.group.id;
      const conds: SQL[] = [eq(auditEvents.groupId, groupId)];
      if (q.action) conds.push(sql`${auditEvents.action} LIKE ${`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
      if (q.actorId) conds.push(eq(auditEvents.actorId, q.actorId));
      if (q.from) conds.push(gte(auditEvents.at, new Date(`${q.from}T00:00:00Z`)));
      if (q.to) conds.push(lte(auditEvents.at, new Date(`${q.to}T23:59:59.999Z`)));
      const where = and(...conds);
      const target = alias(users, 'target');
      const [rows, [total], actions, actors] = await Promise.all([
        db
          .select({ e: auditEvents, actorName: users.displayName, actorNames: users.names, targetName: target.displayName, targetNames: target.names })
          .from(auditEvents)
          .leftJoin(users, eq(users.id, auditEvents.actorId))
          .leftJoin(target, sql`${auditEvents.targetType} = 'user' AND ${target.id}::text = ${auditEvents.targetId}`)
          .where(where)
          .orderBy(desc(auditEvents.at), desc(auditEvents.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(auditEvents).where(where),
        db.selectDistinct({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.groupId, groupId)).orderBy(asc(auditEvents.action)),
        // Everyone who appears in the trail as an actor: the choices of the person filter.
        db
          .selectDistinct({ id: users.id, displayName: users.displayName, names: users.names })
          .from(auditEvents)
          .innerJoin(users, eq(users.id, auditEvents.actorId))
          .where(eq(auditEvents.groupId, groupId))
          .orderBy(asc(users.displayName)),
      ]);
      return {
        items: rows.map(({ e, actorName, actorNames, targetName, targetNames }) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor: e.actorId && actorName ? { id: e.actorId, displayName: actorName, names: actorNames ?? {} } : null,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          targetPerson: e.targetType === 'user' && e.targetId && targetName ? { id: e.targetId, displayName: targetName, names: targetNames ?? {} } : null,
          data: e.data,
        })),
        total: Number(total?.n ?? 0),
        page: q.page,
        pageSize: q.pageSize,
        actions: actions.map((a) => a.action),
        actors,
      };
    },
  );
}

