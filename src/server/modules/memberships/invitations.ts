import { and, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { invitationStatus, ROLES_NEEDING_COMMITTEE, type AcceptedInvitation, type CreateGroupInvitation, type InvitationStatus, type InvitationView } from '../../../core/memberships';
import { GROUP_POLICY } from '../../../core/policies';
import { LIMITS } from '../../../core/limits';
import type { Db } from '../../db/client';
import { groupInvitations, groupMemberships, memberCommittees, studyGroups, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { enqueueJob } from '../../jobs/queue';
import { createAuthLink } from '../accounts/links';
import { findUserByEmail, normalizeEmail } from '../accounts/queries';
import { recordAudit } from '../audit/record';
import { isUniqueViolation } from './db-errors';
import { checkRole, committeeByCode, defaultCommittee, type CommitteeRow, type GroupRow } from './rules';

type InvitationRow = typeof groupInvitations.$inferSelect;

const inviter = alias(users, 'inviter');
const invitee = alias(users, 'invitee');

/** The invitations of a group with the names a list shows, newest first. */
function selectInvitations(db: Db) {
  return db
    .select({
      inv: groupInvitations,
      committeeCode: memberCommittees.code,
      committeeName: memberCommittees.name,
      personName: invitee.displayName,
      inviterName: inviter.displayName,
    })
    .from(groupInvitations)
    .leftJoin(memberCommittees, eq(memberCommittees.id, groupInvitations.committeeId))
    .leftJoin(invitee, eq(invitee.id, groupInvitations.userId))
    .leftJoin(inviter, eq(inviter.id, groupInvitations.invitedBy));
}

type InvitationJoin = Awaited<ReturnType<ReturnType<typeof selectInvitations>['where']>>[number];

function presentInvitation(r: InvitationJoin): InvitationView {
  const { inv } = r;
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    committee: inv.committeeId && r.committeeCode && r.committeeName ? { id: inv.committeeId, code: r.committeeCode, name: r.committeeName } : null,
    status: invitationStatus(inv),
    person: inv.userId && r.personName ? { id: inv.userId, displayName: r.personName } : null,
    invitedBy: inv.invitedBy && r.inviterName ? { id: inv.invitedBy, displayName: r.inviterName } : null,
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    acceptedAt: inv.acceptedAt?.toISOString() ?? null,
    revokedAt: inv.revokedAt && invitationStatus(inv) === 'revoked' ? inv.revokedAt.toISOString() : null,
  };
}

async function invitationView(db: Db, id: string): Promise<InvitationView> {
  const [row] = await selectInvitations(db).where(eq(groupInvitations.id, id)).limit(1);
  if (!row) throw new Error(`invitation ${id} vanished`);
  return presentInvitation(row);
}

const STATUS_CONDITION: Record<InvitationStatus, () => SQL | undefined> = {
  accepted: () => isNotNull(groupInvitations.acceptedAt),
  revoked: () => and(isNull(groupInvitations.acceptedAt), isNotNull(groupInvitations.revokedAt), sql`${groupInvitations.revokedAt} < ${groupInvitations.expiresAt}`),
  expired: () =>
    and(
      isNull(groupInvitations.acceptedAt),
      lte(groupInvitations.expiresAt, sql`now()`),
      or(isNull(groupInvitations.revokedAt), sql`${groupInvitations.revokedAt} >= ${groupInvitations.expiresAt}`),
    ),
  open: () => and(isNull(groupInvitations.acceptedAt), isNull(groupInvitations.revokedAt), gt(groupInvitations.expiresAt, sql`now()`)),
};

export async function listInvitations(db: Db, groupId: string, query: { status?: InvitationStatus | undefined; page: number; pageSize: number }) {
  const where = and(eq(groupInvitations.groupId, groupId), query.status ? STATUS_CONDITION[query.status]() : undefined);
  const [rows, [count]] = await Promise.all([
    selectInvitations(db)
      .where(where)
      .orderBy(desc(groupInvitations.createdAt), desc(groupInvitations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(groupInvitations).where(where),
  ]);
  return { items: rows.map(presentInvitation), total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/**
 * Invites an address into a role. An address with an account is tied to it; one without gets
 * an account without a password. The person is mailed a one-time link that signs them in and
 * accepts the invitation. Every refusal is thrown before anything is written.
 */
export async function createGroupInvitation(tx: Db, actor: Actor, group: GroupRow, input: CreateGroupInvitation) {
  const email = normalizeEmail(input.email);
  const existing = await findUserByEmail(tx, email);
  if (existing?.disabledAt) throw new AppError('invitation.account_disabled', `The account of ${email} is disabled.`);
  const committee: CommitteeRow | null = input.committeeCode
    ? await committeeByCode(tx, group.councilId, input.committeeCode)
    : ROLES_NEEDING_COMMITTEE.includes(input.role)
      ? await defaultCommittee(tx, group, existing)
      : null;
  const { alreadyHolds } = await checkRole(tx, group, { userId: existing?.id ?? null, role: input.role, committee });
  if (alreadyHolds) throw new AppError('invitation.already_member', `${email} already holds this role in the group.`);

  const [open] = await tx
    .select()
    .from(groupInvitations)
    .where(and(eq(groupInvitations.groupId, group.id), eq(groupInvitations.email, email), eq(groupInvitations.role, input.role), isNull(groupInvitations.acceptedAt), isNull(groupInvitations.revokedAt)))
    .for('update')
    .limit(1);
  if (open && invitationStatus(open) === 'open') throw new AppError('invitation.duplicate', `${email} already has an open invitation to this role.`);
  // An expired one is closed at the moment it expired, so the new one can take its place.
  if (open) await tx.update(groupInvitations).set({ revokedAt: open.expiresAt }).where(eq(groupInvitations.id, open.id));

  let person = existing;
  let accountCreated = false;
  if (!person) {
    const [created] = await tx
      .insert(users)
      .values({ email, displayName: input.displayName ?? email.split('@')[0] ?? email, names: {}, locale: input.locale ?? null })
      .onConflictDoNothing({ target: users.email })
      .returning();
    // Another request created the account meanwhile: invite that one.
    person = created ?? (await findUserByEmail(tx, email));
    accountCreated = Boolean(created);
    if (!person) throw new Error(`no account for ${email}`);
    if (accountCreated) await recordAudit(tx, { actorId: actor.user.id, action: 'user.invited', targetType: 'user', targetId: person.id, groupId: group.id, data: { email } });
  }

  const expiresAt = new Date(Date.now() + LIMITS.invitationLinkHours * 3600_000);
  let invitation: InvitationRow | undefined;
  try {
    [invitation] = await tx
      .insert(groupInvitations)
      .values({ groupId: group.id, email, role: input.role, committeeId: committee?.id ?? null, userId: person.id, invitedBy: actor.user.id, expiresAt })
      .returning();
  } catch (err) {
    if (isUniqueViolation(err, 'group_invitations_open_key')) throw new AppError('invitation.duplicate', `${email} already has an open invitation to this role.`);
    throw err;
  }
  if (!invitation) throw new Error('insert returned nothing');
  const { token } = await createAuthLink(tx, { userId: person.id, purpose: 'invitation', createdBy: actor.user.id, groupInvitationId: invitation.id, expiresAt });
  await enqueueJob(tx, 'mail.link', {
    kind: 'groupInvitation',
    userId: person.id,
    inviterId: actor.user.id,
    groupInvitationId: invitation.id,
    locale: input.locale ?? null,
    secret: token,
    expiresAt: expiresAt.toISOString(),
  });
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'invitation.created',
    targetType: 'group_invitation',
    targetId: invitation.id,
    groupId: group.id,
    data: { email, userId: person.id, role: input.role, committee: committee?.code ?? null, accountCreated },
  });
  return { ...(await invitationView(tx, invitation.id)), accountCreated };
}

/** Revokes an open invitation: its link stops working. Anything else is 410 invitation.not_open. */
export async function revokeInvitation(tx: Db, actor: Actor, group: GroupRow, id: string): Promise<InvitationView> {
  const [inv] = await tx
    .select()
    .from(groupInvitations)
    .where(and(eq(groupInvitations.id, id), eq(groupInvitations.groupId, group.id)))
    .for('update')
    .limit(1);
  if (!inv) throw notFound('No such invitation in this group.');
  const status = invitationStatus(inv);
  if (status !== 'open') throw new AppError('invitation.not_open', `This invitation is ${status}.`);
  // Its link stops working: accepting checks the invitation (410 invitation.not_open).
  await tx.update(groupInvitations).set({ revokedAt: sql`now()` }).where(eq(groupInvitations.id, inv.id));
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'invitation.revoked',
    targetType: 'group_invitation',
    targetId: inv.id,
    groupId: group.id,
    data: { email: inv.email, role: inv.role },
  });
  return invitationView(tx, inv.id);
}

/** Revokes a person's open invitations into a group (when they are removed from it). */
export async function revokeOpenInvitationsOf(tx: Db, groupId: string, userId: string): Promise<number> {
  const rows = await tx
    .update(groupInvitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.userId, userId), STATUS_CONDITION.open()))
    .returning({ id: groupInvitations.id });
  return rows.length;
}

/**
 * Accepts the invitation a consumed link carries, in the link's transaction: the membership
 * starts, or nothing changes at all. The rules are checked again, since the group may have
 * changed since the invitation was sent (another head of the same delegation, most often).
 */
export async function acceptGroupInvitation(tx: Db, link: { userId: string; groupInvitationId: string | null }): Promise<AcceptedInvitation | undefined> {
  if (!link.groupInvitationId) return undefined;
  const [inv] = await tx.select().from(groupInvitations).where(eq(groupInvitations.id, link.groupInvitationId)).for('update').limit(1);
  if (!inv || inv.userId !== link.userId) throw new AppError('link.invalid');
  const status = invitationStatus(inv);
  if (status === 'accepted') throw new AppError('link.used');
  if (status === 'expired') throw new AppError('link.expired');
  if (status === 'revoked') throw new AppError('invitation.not_open', 'This invitation was revoked.');

  const [group] = await tx.select().from(studyGroups).where(eq(studyGroups.id, inv.groupId)).limit(1);
  if (!group) throw new AppError('link.invalid');
  const statuses = GROUP_POLICY['members.invite'].statuses ?? [];
  if (!statuses.includes(group.status)) {
    throw new AppError('group.status_forbids', `The group is ${group.status}: it takes no new members now.`, { data: { allowedStatuses: statuses } });
  }
  const [committee] = inv.committeeId ? await tx.select().from(memberCommittees).where(eq(memberCommittees.id, inv.committeeId)).limit(1) : [];
  const { alreadyHolds } = await checkRole(tx, group, { userId: link.userId, role: inv.role, committee: committee ?? null });
  if (!alreadyHolds) {
    try {
      await tx.insert(groupMemberships).values({ groupId: group.id, userId: link.userId, role: inv.role, committeeId: inv.committeeId });
    } catch (err) {
      if (isUniqueViolation(err, 'group_memberships_one_head_key')) throw new AppError('membership.head_exists', 'This delegation got a head meanwhile.');
      if (isUniqueViolation(err, 'group_memberships_active_role_key')) throw new AppError('membership.exists');
      throw err;
    }
  }
  await tx.update(groupInvitations).set({ acceptedAt: sql`now()` }).where(eq(groupInvitations.id, inv.id));
  // A person's delegation is their member committee: an account without one takes it.
  if (inv.committeeId) await tx.update(users).set({ memberCommitteeId: inv.committeeId, updatedAt: sql`now()` }).where(and(eq(users.id, link.userId), isNull(users.memberCommitteeId)));
  if (!alreadyHolds) {
    await recordAudit(tx, {
      actorId: link.userId,
      action: 'membership.started',
      targetType: 'user',
      targetId: link.userId,
      groupId: group.id,
      data: { role: inv.role, committee: committee?.code ?? null, invitationId: inv.id, invitedBy: inv.invitedBy },
    });
  }
  return { groupSlug: group.slug, role: inv.role, joined: !alreadyHolds };
}

/** What a group-invitation mail says, or undefined when the invitation is no longer open. */
export async function groupInvitationMailFacts(db: Db, invitationId: string) {
  const [row] = await db
    .select({ inv: groupInvitations, group: studyGroups, committeeName: memberCommittees.name })
    .from(groupInvitations)
    .innerJoin(studyGroups, eq(studyGroups.id, groupInvitations.groupId))
    .leftJoin(memberCommittees, eq(memberCommittees.id, groupInvitations.committeeId))
    .where(eq(groupInvitations.id, invitationId))
    .limit(1);
  if (!row || invitationStatus(row.inv) !== 'open') return undefined;
  const titles: Record<string, string> = Object.fromEntries(Object.entries(row.group.charter.texts).flatMap(([l, text]) => (text ? [[l, text.title]] : [])));
  return { role: row.inv.role, committee: row.committeeName, titles, title: row.group.title };
}
