import { and, asc, eq, inArray } from 'drizzle-orm';
import { numberBlocks } from '../../../core/draft-structure';
import { amendedLines, amendmentActions, amendmentAgainstLive, amendmentDiff, amendmentLabel, type AmendmentView } from '../../../core/deliberation';
import type { DraftBlock } from '../../../core/drafts';
import type { Db } from '../../db/client';
import { amendments, draftVersions, memberCommittees } from '../../db/schema';
import { notFound } from '../../http/errors';
import { latestVersionNumber, peopleById } from '../draft-versions/queries';

export type AmendmentRow = typeof amendments.$inferSelect;

export async function amendmentOrThrow(db: Db, draftId: string, id: string): Promise<AmendmentRow> {
  const [row] = await db
    .select()
    .from(amendments)
    .where(and(eq(amendments.draftId, draftId), eq(amendments.id, id)));
  if (!row) throw notFound('No such amendment to this draft.');
  return row;
}

export async function listAmendments(db: Db, draftId: string): Promise<AmendmentRow[]> {
  return db.select().from(amendments).where(eq(amendments.draftId, draftId)).orderBy(asc(amendments.number));
}

export interface AmendmentViewer {
  id: string;
  canDecide: boolean;
  canAmend: boolean;
}

/** The paragraph an amendment touches: its uid, or for a new paragraph the one it follows. */
export const targetOf = (a: Pick<AmendmentRow, 'blockUid' | 'afterUid'>) => (a.blockUid ? `b:${a.blockUid}` : `a:${a.afterUid}`);

/**
 * Amendments as readers need them: numbered (A1…), with the paragraph's ¶/R numbers in the
 * amended version, the diff of original → proposed, whether a newer version supersedes the one
 * amended, the other open amendments that touch the same paragraph, those accepted on it since,
 * and whether the paragraph still reads as amended in the live text (`live`).
 */
export async function presentAmendments(
  db: Db,
  draftId: string,
  rows: readonly AmendmentRow[],
  all: readonly AmendmentRow[],
  viewer: AmendmentViewer,
  live: readonly DraftBlock[],
): Promise<AmendmentView[]> {
  const liveText = new Map(live.flatMap((b) => (b.uid ? [[b.uid, b.text] as const] : [])));
  const versionIds = [...new Set(rows.map((r) => r.versionId))];
  const versions = versionIds.length
    ? await db.select({ id: draftVersions.id, number: draftVersions.number, name: draftVersions.name, blocks: draftVersions.blocks }).from(draftVersions).where(inArray(draftVersions.id, versionIds))
    : [];
  const latestNumber = (await latestVersionNumber(db, draftId)) ?? 0;
  const byVersion = new Map(
    versions.map((v) => [v.id, { ...v, texts: v.blocks.map((b) => b.text), indexOf: new Map(v.blocks.flatMap((b, i) => (b.uid ? [[b.uid, i] as const] : []))), numbered: new Map(numberBlocks(v.blocks).flatMap((b) => (b.uid ? [[b.uid, b] as const] : []))) }]),
  );
  const committeeIds = [...new Set(rows.flatMap((r) => (r.committeeId ? [r.committeeId] : [])))];
  const committees = new Map(
    (committeeIds.length ? await db.select({ id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name }).from(memberCommittees).where(inArray(memberCommittees.id, committeeIds)) : []).map((c) => [c.id, c]),
  );
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.proposedBy, r.decidedBy]),
  );
  const numberOf = new Map(all.map((a) => [a.id, a.number]));
  return rows.map((r) => {
    const version = byVersion.get(r.versionId);
    const block = version?.numbered.get((r.blockUid ?? r.afterUid) as string);
    return {
      id: r.id,
      number: r.number,
      label: amendmentLabel(r.number),
      status: r.status,
      version: r.version,
      draftVersion: { id: r.versionId, number: version?.number ?? 0, name: version?.name ?? '' },
      blockUid: r.blockUid,
      afterUid: r.afterUid,
      paragraph: block?.paragraph ?? null,
      lines: version && version.indexOf.has((r.blockUid ?? r.afterUid) as string) ? amendedLines(version.texts, version.indexOf.get((r.blockUid ?? r.afterUid) as string) as number, { insert: !r.blockUid, originalText: r.originalText, proposedText: r.proposedText }) : null,
      recommendation: block?.recommendation ?? null,
      kind: block?.kind ?? null,
      originalText: r.originalText,
      proposedText: r.proposedText,
      diff: amendmentDiff(r.originalText, r.proposedText),
      rationale: r.rationale,
      proposedBy: (r.proposedBy && people.get(r.proposedBy)) || null,
      committee: (r.committeeId && committees.get(r.committeeId)) || null,
      createdAt: r.createdAt.toISOString(),
      decidedBy: (r.decidedBy && people.get(r.decidedBy)) || null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionReason: r.decisionReason,
      mergedInto: r.mergedInto ? (numberOf.get(r.mergedInto) ?? null) : null,
      mergedFrom: all.filter((o) => o.mergedInto === r.id).map((o) => o.number),
      superseded: (version?.number ?? 0) < latestNumber,
      collidesWith: all.filter((o) => o.id !== r.id && o.status === 'open' && targetOf(o) === targetOf(r)).map((o) => o.number),
      overtakenBy: all.filter((o) => o.id !== r.id && o.status === 'accepted' && targetOf(o) === targetOf(r) && o.decidedAt !== null && o.decidedAt >= r.createdAt).map((o) => o.number),
      ...amendmentAgainstLive(r, (uid) => liveText.get(uid)),
      actions: amendmentActions(r, viewer),
    };
  });
}
