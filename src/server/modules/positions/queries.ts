import { and, asc, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { computeConsensus, type Consensus, type EligibleDelegation, type RecordedPosition } from '../../../core/consensus';
import { numberBlocks } from '../../../core/draft-structure';
import type { Db } from '../../db/client';
import { draftVersions, groupMemberships, memberCommittees, positions, recommendationOutcomes, users } from '../../db/schema';
import { notFound } from '../../http/errors';

export type VersionRow = Pick<typeof draftVersions.$inferSelect, 'id' | 'number' | 'name' | 'blocks' | 'createdAt'>;
export type PositionRow = typeof positions.$inferSelect;
export type OutcomeRow = typeof recommendationOutcomes.$inferSelect;

export interface Delegation extends EligibleDelegation {
  name: string;
}

export interface Recommendation {
  /** R number in its version. */
  number: number;
  uid: string;
  text: string;
}

const versionColumns = { id: draftVersions.id, number: draftVersions.number, name: draftVersions.name, blocks: draftVersions.blocks, createdAt: draftVersions.createdAt };

/** The draft's versions, oldest first. */
export async function versionsOf(db: Db, draftId: string): Promise<VersionRow[]> {
  return db.select(versionColumns).from(draftVersions).where(eq(draftVersions.draftId, draftId)).orderBy(asc(draftVersions.number));
}

/** One version of the draft by number (404 when the draft has no such version), and the latest number. */
export async function versionOfDraft(db: Db, draftId: string, number?: number): Promise<{ version: VersionRow; latest: number; all: VersionRow[] }> {
  const all = await versionsOf(db, draftId);
  const last = all.at(-1);
  if (!last) throw notFound('This draft has no named version yet: positions are taken on a version.');
  const version = number === undefined ? last : all.find((v) => v.number === number);
  if (!version) throw notFound(`This draft has no version ${number}.`);
  return { version, latest: last.number, all };
}

/** The recommendations of a version, numbered R1, R2… as the editor shows them (blocks without a uid cannot be named, so they are left out). */
export function recommendationsOf(version: Pick<VersionRow, 'blocks'>): Recommendation[] {
  return numberBlocks(version.blocks).flatMap((b) => (b.recommendation !== null && b.uid ? [{ number: b.recommendation, uid: b.uid, text: b.text }] : []));
}

/**
 * The delegations that take positions in the group: member committees with at least one current
 * member who is not an observer (the 'Plus' invitees take none), by code.
 */
/** The roles through which a member committee is a delegation of the group. */
export const DELEGATION_ROLES = ['co_chair', 'delegation_head', 'member'] as const;

export async function eligibleDelegations(db: Db, groupId: string): Promise<Delegation[]> {
  const rows = await db
    .selectDistinct({ committeeId: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name })
    .from(groupMemberships)
    .innerJoin(memberCommittees, eq(memberCommittees.id, groupMemberships.committeeId))
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    // A member committee takes part as a delegation through its co-chair, head or members; the group's
    // staff (rapporteur, Delphi facilitator, secretariat) and observers do not make it one.
    .where(and(eq(groupMemberships.groupId, groupId), isNull(groupMemberships.endedAt), isNull(users.disabledAt), inArray(groupMemberships.role, [...DELEGATION_ROLES])))
    .orderBy(asc(memberCommittees.code));
  return rows;
}

/** The committee the person currently heads in the group, if any. */
export async function headedCommittee(db: Db, groupId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ committeeId: groupMemberships.committeeId })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId), eq(groupMemberships.role, 'delegation_head'), isNull(groupMemberships.endedAt)))
    .limit(1);
  return row?.committeeId ?? null;
}

/** The person's delegation in the group (their first current membership naming a committee). */
export async function memberCommittee(db: Db, groupId: string, userId: string): Promise<string | null> {
  const rows = await db
    .select({ committeeId: groupMemberships.committeeId, role: groupMemberships.role })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId), isNull(groupMemberships.endedAt)));
  return rows.find((r) => r.role === 'delegation_head' && r.committeeId)?.committeeId ?? rows.find((r) => r.committeeId)?.committeeId ?? null;
}

/** Every position recorded on the draft on versions up to `upTo`, with the number of the version each was taken on. */
export async function positionsUpTo(db: Db, draftId: string, upTo: number): Promise<(PositionRow & { onVersion: number })[]> {
  const rows = await db
    .select({ p: positions, onVersion: draftVersions.number })
    .from(positions)
    .innerJoin(draftVersions, eq(draftVersions.id, positions.versionId))
    .where(and(eq(positions.draftId, draftId), lte(draftVersions.number, upTo)))
    .orderBy(desc(draftVersions.number), desc(positions.recordedAt));
  return rows.map((r) => ({ ...r.p, onVersion: r.onVersion }));
}

export const recorded = (p: PositionRow & { onVersion: number }): RecordedPosition => ({
  committeeId: p.committeeId,
  position: p.position,
  text: p.text,
  change: p.change,
  version: p.onVersion,
  recordedBy: p.recordedBy ?? '',
  recordedAt: p.recordedAt,
});

/** Each recommendation's text in every version it appears in: uid → version number → text. */
export type RecommendationTexts = ReadonlyMap<string, ReadonlyMap<number, string>>;

export function recommendationTexts(versions: readonly Pick<VersionRow, 'number' | 'blocks'>[]): RecommendationTexts {
  const texts = new Map<string, Map<number, string>>();
  for (const v of versions) {
    for (const r of recommendationsOf(v)) {
      let byVersion = texts.get(r.uid);
      if (!byVersion) texts.set(r.uid, (byVersion = new Map()));
      byVersion.set(v.number, r.text);
    }
  }
  return texts;
}

/**
 * Where one recommendation stands on version `version`, from the positions up to it. With the
 * texts of the earlier versions, a position on a version whose text of this recommendation is
 * the same carries over; on a changed text only an objection still counts (computeConsensus).
 */
export function consensusOf(
  uid: string,
  version: number,
  eligible: readonly EligibleDelegation[],
  rows: readonly (PositionRow & { onVersion: number })[],
  texts: RecommendationTexts,
): Consensus {
  return computeConsensus({ eligible, currentVersion: version, positions: rows.filter((p) => p.recommendationUid === uid).map(recorded), texts: texts.get(uid) });
}

/** The declared outcomes of the draft, by recommendation uid, with the number of the version each was declared on. */
export async function outcomesOf(db: Db, draftId: string): Promise<Map<string, OutcomeRow & { onVersion: number }>> {
  const rows = await db
    .select({ o: recommendationOutcomes, onVersion: draftVersions.number })
    .from(recommendationOutcomes)
    .innerJoin(draftVersions, eq(draftVersions.id, recommendationOutcomes.versionId))
    .where(eq(recommendationOutcomes.draftId, draftId));
  return new Map(rows.map((r) => [r.o.recommendationUid, { ...r.o, onVersion: r.onVersion }]));
}

/** People by id, for the names shown beside positions, outcomes and breaks. */
export async function peopleById(db: Db, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map<string, { id: string; displayName: string; names: Record<string, string> }>();
  const rows = await db.select({ id: users.id, displayName: users.displayName, names: users.names }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((u) => [u.id, { id: u.id, displayName: u.displayName, names: u.names ?? {} }]));
}

/** Committees by id (code and name), for positions and breaks of committees no longer eligible too. */
export async function committeesById(db: Db, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map<string, { id: string; code: string; name: string }>();
  const rows = await db.select({ id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name }).from(memberCommittees).where(inArray(memberCommittees.id, wanted));
  return new Map(rows.map((c) => [c.id, c]));
}
