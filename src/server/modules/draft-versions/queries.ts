import { and, asc, desc, eq } from 'drizzle-orm';
import { numberBlocks } from '../../../core/draft-structure';
import type { VersionSummary, VersionView } from '../../../core/deliberation';
import type { Db } from '../../db/client';
import { draftVersions, users } from '../../db/schema';
import { notFound } from '../../http/errors';

export type VersionRow = typeof draftVersions.$inferSelect;
type VersionMeta = Omit<VersionRow, 'state' | 'blocks'>;

const metaColumns = {
  id: draftVersions.id,
  draftId: draftVersions.draftId,
  number: draftVersions.number,
  name: draftVersions.name,
  restoredFrom: draftVersions.restoredFrom,
  createdBy: draftVersions.createdBy,
  createdAt: draftVersions.createdAt,
};

/** A draft's named versions, oldest first, without their text. */
export async function listVersions(db: Db, draftId: string): Promise<VersionMeta[]> {
  return db.select(metaColumns).from(draftVersions).where(eq(draftVersions.draftId, draftId)).orderBy(asc(draftVersions.number));
}

/** One version of the draft, with its state and blocks (else 404). */
export async function versionByNumber(db: Db, draftId: string, number: number): Promise<VersionRow> {
  const [row] = await db
    .select()
    .from(draftVersions)
    .where(and(eq(draftVersions.draftId, draftId), eq(draftVersions.number, number)));
  if (!row) throw notFound(`This draft has no version ${number}.`);
  return row;
}

/** The number of the draft's newest version, or null when none is named yet. */
export async function latestVersionNumber(db: Db, draftId: string): Promise<number | null> {
  const [row] = await db.select({ number: draftVersions.number }).from(draftVersions).where(eq(draftVersions.draftId, draftId)).orderBy(desc(draftVersions.number)).limit(1);
  return row?.number ?? null;
}

/** People by id, as the API names them. */
export async function peopleById(db: Db, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, { id: string; displayName: string; names: Record<string, string> }>();
  for (const id of wanted) {
    const [u] = await db.select({ id: users.id, displayName: users.displayName, names: users.names }).from(users).where(eq(users.id, id));
    if (u) out.set(u.id, { id: u.id, displayName: u.displayName, names: u.names ?? {} });
  }
  return out;
}

export async function presentSummaries(db: Db, rows: readonly VersionMeta[]): Promise<VersionSummary[]> {
  const people = await peopleById(
    db,
    rows.map((r) => r.createdBy),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    restoredFrom: r.restoredFrom,
    createdBy: (r.createdBy && people.get(r.createdBy)) || null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function presentVersion(db: Db, row: VersionRow): Promise<VersionView> {
  const [summary] = await presentSummaries(db, [row]);
  return { ...(summary as VersionSummary), draftId: row.draftId, blocks: numberBlocks(row.blocks) };
}
