import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZQueryVersionNumber } from '../../../core/numbers';
import { ZSilenceBreak, ZSilenceStart } from '../../../core/consensus';
import type { Actor } from '../../http/actor';
import { requireActor } from '../../http/auth';
import { AppError, notFound } from '../../http/errors';
import { draftOfGroup, type DraftMeta } from '../drafts/queries';
import { accessInGroup } from '../drafts/policy';
import { authorize, groupAccess, type GroupAccess } from '../study-groups/policy';
import { declareOutcome, recordPosition } from './commands';
import {
  committeesById,
  consensusOf,
  eligibleDelegations,
  headedCommittee,
  memberCommittee,
  outcomesOf,
  peopleById,
  positionsUpTo,
  recommendationsOf,
  recommendationTexts,
  versionOfDraft,
} from './queries';
import { consensusView, outcomeView, positionView, standingIn } from './presenters';
import { ZConsensusMatrix, ZDeclareOutcome, ZFootnotes, ZOutcomeView, ZPositionBody, ZPositionView, ZSilenceBreakView, ZSilenceView, type ConsensusMatrix } from './schemas';
import { breakSilence, cancelSilence, silenceViews, startSilence } from './silence';

const tags = ['consensus'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZDraftParams = z.object({ slug: ZSlug, draftId: z.uuid() });
const ZUid = z.string().min(1).max(200);
const ZPositionParams = ZDraftParams.extend({ versionNumber: ZQueryVersionNumber, recommendationUid: ZUid });
const ZRecommendationParams = ZDraftParams.extend({ recommendationUid: ZUid });

/**
 * Positions, consensus and outcomes on a draft's recommendations, and its silence procedures
 * (issue #5, parts 6-7). Everyone who may view the draft reads the matrix, the footnotes and the
 * procedures; delegation heads record their member committee's position (`drafts.position`);
 * the co-chairs declare outcomes and run silence (`drafts.decide`); silence is broken by a
 * delegation head's objection or a participant's amendment (`drafts.amend`).
 */
export async function positionRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  /** The group and the draft, when the actor may view its drafts (else 404 as if neither existed). */
  async function load(actor: Actor, slug: string, draftId: string): Promise<{ access: GroupAccess; draft: DraftMeta }> {
    const access = await groupAccess(root, actor, slug);
    if (!access.allowed.includes('drafts.view')) throw notFound('No study group at this address, or you may not see it.');
    const draft = await draftOfGroup(db, access.snapshot.group.id, draftId);
    if (!accessInGroup(access, draft)) throw notFound('No such draft in this group.');
    return { access, draft };
  }

  async function matrix(draft: DraftMeta, groupId: string, versionNumber?: number): Promise<ConsensusMatrix> {
    const { version, latest, all } = await versionOfDraft(db, draft.id, versionNumber);
    const texts = recommendationTexts(all.filter((v) => v.number <= version.number));
    const [eligible, rows, outcomes] = await Promise.all([eligibleDelegations(db, groupId), positionsUpTo(db, draft.id, version.number), outcomesOf(db, draft.id)]);
    const recs = recommendationsOf(version);
    const people = await peopleById(db, [...rows.map((r) => r.recordedBy), ...[...outcomes.values()].map((o) => o.declaredBy)]);
    const committees = await committeesById(db, [...eligible.map((d) => d.committeeId), ...rows.map((r) => r.committeeId)]);
    return {
      draftId: draft.id,
      version: { number: version.number, name: version.name, createdAt: version.createdAt.toISOString() },
      latestVersion: latest,
      superseded: version.number !== latest,
      delegations: eligible.map((d) => ({ id: d.committeeId, code: d.code, name: d.name })),
      recommendations: recs.map((r) => {
        // Rows come newest version first, then latest recorded: the first of a committee is in force.
        const mine = rows.filter((p) => p.recommendationUid === r.uid);
        const outcome = outcomes.get(r.uid);
        const consensus = consensusOf(r.uid, version.number, eligible, rows, texts);
        return {
          number: r.number,
          uid: r.uid,
          text: r.text,
          cells: eligible.map((d) => {
            const held = mine.find((p) => p.committeeId === d.committeeId);
            return { committeeId: d.committeeId, position: held ? positionView(held, version.number, standingIn(consensus, d.committeeId, held.onVersion), people, committees) : null };
          }),
          consensus: consensusView(consensus),
          outcome: outcome && outcome.onVersion <= version.number ? outcomeView(outcome, people) : null,
        };
      }),
    };
  }

  app.get(
    '/api/study-groups/:slug/drafts/:draftId/consensus',
    {
      schema: {
        tags,
        summary: 'The positions matrix of a version (the latest by default): recommendations × delegations, each position in force, the consensus and the declared outcome',
        params: ZDraftParams,
        querystring: z.object({ version: ZQueryVersionNumber.optional() }),
        response: { 200: ZConsensusMatrix },
      },
    },
    async (req) => {
      const { access, draft } = await load(requireActor(req), req.params.slug, req.params.draftId);
      return matrix(draft, access.snapshot.group.id, req.query.version);
    },
  );

  app.put(
    '/api/study-groups/:slug/drafts/:draftId/versions/:versionNumber/positions/:recommendationUid',
    {
      schema: {
        tags,
        summary: "Record your member committee's position on a recommendation of the latest version (delegation heads; send the version of the position you read, 0 for none)",
        params: ZPositionParams,
        body: ZPositionBody,
        response: { 200: ZPositionView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { access, draft } = await load(actor, req.params.slug, req.params.draftId);
      authorize(access, 'drafts.position');
      const groupId = access.snapshot.group.id;
      const row = await db.transaction((tx) => recordPosition(tx, { actor, groupId, draftId: draft.id, versionNumber: req.params.versionNumber, uid: req.params.recommendationUid, body: req.body }));
      return positionView(row, row.onVersion, 'current', await peopleById(db, [row.recordedBy]), await committeesById(db, [row.committeeId]));
    },
  );

  app.put(
    '/api/study-groups/:slug/drafts/:draftId/recommendations/:recommendationUid/outcome',
    {
      schema: {
        tags,
        summary: "Declare a recommendation's outcome on the latest version: adopted (when no objection stands), noted in a chair's summary, or dropped (co-chairs; send the outcome's version read, 0 for none)",
        params: ZRecommendationParams,
        body: ZDeclareOutcome,
        response: { 200: ZOutcomeView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { access, draft } = await load(actor, req.params.slug, req.params.draftId);
      authorize(access, 'drafts.decide');
      const row = await db.transaction((tx) => declareOutcome(tx, { actor, groupId: access.snapshot.group.id, draftId: draft.id, uid: req.params.recommendationUid, body: req.body }));
      return outcomeView(row, await peopleById(db, [row.declaredBy]));
    },
  );

  app.get(
    '/api/study-groups/:slug/drafts/:draftId/footnotes',
    {
      schema: { tags, summary: 'The reservations on adopted recommendations, as footnotes naming each member committee, by R number of the latest version', params: ZDraftParams, response: { 200: ZFootnotes } },
    },
    async (req) => {
      const { access, draft } = await load(requireActor(req), req.params.slug, req.params.draftId);
      const { version: latest, all } = await versionOfDraft(db, draft.id);
      const numbers = new Map(recommendationsOf(latest).map((r) => [r.uid, r.number]));
      const outcomes = [...(await outcomesOf(db, draft.id)).values()].filter((o) => o.outcome === 'adopted');
      const rows = await positionsUpTo(db, draft.id, latest.number);
      const texts = recommendationTexts(all);
      const eligible = await eligibleDelegations(db, access.snapshot.group.id);
      // Positions are recorded only by the heads of delegations that took part then: a committee that has left since keeps its footnote.
      const committees = await committeesById(db, [...eligible.map((d) => d.committeeId), ...rows.map((r) => r.committeeId)]);
      const everyone = [...committees.values()].map((c) => ({ committeeId: c.id, code: c.code }));
      const recommendations = outcomes
        .filter((o) => all.some((v) => v.number === o.onVersion))
        .map((o) => {
          const upToOutcome = rows.filter((p) => p.onVersion <= o.onVersion);
          const c = consensusOf(o.recommendationUid, o.onVersion, everyone, upToOutcome, texts);
          return {
            number: numbers.get(o.recommendationUid) ?? null,
            uid: o.recommendationUid,
            grade: o.grade,
            footnotes: c.reservations.map((r) => {
              const committee = committees.get(r.committeeId);
              return { committee: { code: committee?.code ?? r.code, name: committee?.name ?? r.code }, text: r.text };
            }),
          };
        })
        .sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) || a.uid.localeCompare(b.uid));
      return { draftId: draft.id, version: latest.number, recommendations };
    },
  );

  // ---- Silence procedure

  app.get(
    '/api/study-groups/:slug/drafts/:draftId/silence',
    { schema: { tags, summary: "The draft's silence procedures, newest first, each with its state now and what broke it", params: ZDraftParams, response: { 200: z.array(ZSilenceView) } } },
    async (req) => {
      const { access, draft } = await load(requireActor(req), req.params.slug, req.params.draftId);
      return silenceViews(db, draft.id, access.snapshot.group.id);
    },
  );

  app.post(
    '/api/study-groups/:slug/drafts/:draftId/silence',
    { schema: { tags, summary: 'Put the latest version under silence until a deadline (co-chairs): adopted at the deadline unless an objection or amendment breaks it', params: ZDraftParams, body: ZSilenceStart, response: { 201: ZSilenceView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { access, draft } = await load(actor, req.params.slug, req.params.draftId);
      authorize(access, 'drafts.decide');
      const group = access.snapshot.group;
      const row = await db.transaction((tx) => startSilence(tx, { actor, group, draftId: draft.id, body: req.body }));
      root.jobs.kick();
      const [view] = (await silenceViews(db, draft.id, group.id)).filter((v) => v.id === row.id);
      if (!view) throw new Error('procedure not found after start');
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/api/study-groups/:slug/drafts/:draftId/silence/breaks',
    {
      schema: {
        tags,
        summary: "Break silence before the deadline: an objection (a delegation's head, for the committee) or an amendment (a participant), with the reason",
        params: ZDraftParams,
        body: ZSilenceBreak,
        response: { 201: ZSilenceBreakView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { access, draft } = await load(actor, req.params.slug, req.params.draftId);
      const group = access.snapshot.group;
      let committeeId: string | null;
      if (req.body.kind === 'objection') {
        authorize(access, 'drafts.position');
        committeeId = await headedCommittee(db, group.id, actor.user.id);
        if (!committeeId) throw new AppError('auth.forbidden', "An objection is sent by a delegation's head, for the member committee.");
      } else {
        authorize(access, 'drafts.amend');
        committeeId = await memberCommittee(db, group.id, actor.user.id);
      }
      const { brk } = await db.transaction((tx) => breakSilence(tx, { actor, group, draftId: draft.id, committeeId, body: req.body }));
      root.jobs.kick();
      const [view] = (await silenceViews(db, draft.id, group.id)).flatMap((v) => v.breaks).filter((b) => b.id === brk.id);
      if (!view) throw new Error('break not found after recording it');
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/api/study-groups/:slug/drafts/:draftId/silence/cancel',
    { schema: { tags, summary: 'Withdraw the running silence procedure before its deadline (co-chairs): nothing is adopted by it', params: ZDraftParams, response: { 200: ZSilenceView } } },
    async (req) => {
      const actor = requireActor(req);
      const { access, draft } = await load(actor, req.params.slug, req.params.draftId);
      authorize(access, 'drafts.decide');
      const group = access.snapshot.group;
      const row = await db.transaction((tx) => cancelSilence(tx, { actor, group, draftId: draft.id }));
      root.jobs.kick();
      const [view] = (await silenceViews(db, draft.id, group.id)).filter((v) => v.id === row.id);
      if (!view) throw new Error('procedure not found after withdrawing it');
      return view;
    },
  );
}
