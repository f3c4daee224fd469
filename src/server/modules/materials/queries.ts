import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { fileTypeOfMime, type MaterialPerson, type MaterialVersion, type MaterialView } from '../../../core/materials';
import type { GroupAction } from '../../../core/policies';
import type { Db } from '../../db/client';
import { files, materials, materialVersions, meetings, meetingSessions, users } from '../../db/schema';
import { notFound } from '../../http/errors';

export type MaterialRow = typeof materials.$inferSelect;

/** Who is looking, and what the group's table lets them do: decides what is shown and offered. */
export interface Viewer {
  userId: string;
  slug: string;
  allowed: readonly GroupAction[];
}

/** Withdrawn materials are kept, and shown only to those who manage the group's meetings. */
export const seesWithdrawn = (viewer: Viewer) => viewer.allowed.includes('meetings.manage');

/** The uploader and the author may revise and withdraw their own material. */
export const ownsMaterial = (viewer: Viewer, m: Pick<MaterialRow, 'createdBy' | 'authorId'>) => m.createdBy === viewer.userId || m.authorId === viewer.userId;

export async function meetingOfGroup(db: Db, groupId: string, meetingId: string): Promise<{ id: string; groupId: string }> {
  const [row] = await db
    .select({ id: meetings.id, groupId: meetings.groupId })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId)))
    .limit(1);
  if (!row) throw notFound('No such meeting in this group.');
  return row;
}

/** A material of the meeting the viewer may see (a withdrawn one only for managers), or 404. */
export async function visibleMaterial(db: Db, viewer: Viewer, meetingId: string, materialId: string, opts: { forUpdate?: boolean } = {}): Promise<MaterialRow> {
  const query = db
    .select()
    .from(materials)
    .where(and(eq(materials.id, materialId), eq(materials.meetingId, meetingId)))
    .limit(1);
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row || (row.withdrawnAt && !seesWithdrawn(viewer))) throw notFound('No such material for this meeting.');
  return row;
}

async function people(db: Db, ids: Iterable<string | null>): Promise<Map<string, MaterialPerson>> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, displayName: users.displayName, names: users.names, affiliation: users.affiliation }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.displayName, names: r.names ?? {}, affiliation: r.affiliation }]));
}

type VersionRow = {
  materialId: string;
  number: number;
  fileName: string;
  uploadedBy: string | null;
  uploadedAt: Date;
  sha256: string;
  size: number;
  mimeType: string;
};

async function versionRows(db: Db, materialIds: string[]): Promise<VersionRow[]> {
  if (materialIds.length === 0) return [];
  return db
    .select({
      materialId: materialVersions.materialId,
      number: materialVersions.number,
      fileName: materialVersions.fileName,
      uploadedBy: materialVersions.uploadedBy,
      uploadedAt: materialVersions.uploadedAt,
      sha256: files.sha256,
      size: files.size,
      mimeType: files.mimeType,
    })
    .from(materialVersions)
    .innerJoin(files, eq(files.sha256, materialVersions.fileSha256))
    .where(inArray(materialVersions.materialId, materialIds))
    .orderBy(asc(materialVersions.materialId), asc(materialVersions.number));
}

const basePath = (viewer: Viewer, meetingId: string) => `/api/study-groups/${viewer.slug}/meetings/${meetingId}/materials`;

function versionView(viewer: Viewer, meetingId: string, v: VersionRow, byId: Map<string, MaterialPerson>): MaterialVersion {
  const type = fileTypeOfMime(v.mimeType);
  // Only the sniffer's types are ever stored; anything else would be a bug worth a loud 500.
  if (!type) throw new Error(`stored file ${v.sha256} has type ${v.mimeType}`);
  return {
    number: v.number,
    fileName: v.fileName,
    size: v.size,
    type,
    mimeType: v.mimeType,
    sha256: v.sha256,
    uploadedAt: v.uploadedAt.toISOString(),
    uploadedBy: v.uploadedBy ? (byId.get(v.uploadedBy) ?? null) : null,
    downloadUrl: `${basePath(viewer, meetingId)}/${v.materialId}/versions/${v.number}/file`,
  };
}

function allowedOn(viewer: Viewer, m: MaterialRow): MaterialView['allowedActions'] {
  if (m.withdrawnAt) return [];
  const manage = viewer.allowed.includes('meetings.manage');
  const own = ownsMaterial(viewer, m) && viewer.allowed.includes('materials.add');
  return [...(own || (manage && viewer.allowed.includes('materials.add')) ? (['version.add'] as const) : []), ...(own || manage ? (['withdraw'] as const) : [])];
}

/**
 * The meeting's materials as the list shows them, oldest first: each with its author, its
 * latest version and how many there are. Withdrawn ones only for those who manage meetings.
 */
export async function listMaterials(db: Db, viewer: Viewer, meetingId: string, opts: { materialId?: string; includeWithdrawn?: boolean } = {}): Promise<MaterialView[]> {
  const rows = await db
    .select({ material: materials, sessionTitle: meetingSessions.title })
    .from(materials)
    .leftJoin(meetingSessions, eq(meetingSessions.id, materials.sessionId))
    .where(and(eq(materials.meetingId, meetingId), opts.materialId ? eq(materials.id, opts.materialId) : undefined, opts.includeWithdrawn || seesWithdrawn(viewer) ? undefined : isNull(materials.withdrawnAt)))
    .orderBy(asc(materials.createdAt), asc(materials.id));
  const versions = await versionRows(
    db,
    rows.map((r) => r.material.id),
  );
  const byId = await people(db, [...rows.flatMap((r) => [r.material.authorId, r.material.createdBy]), ...versions.map((v) => v.uploadedBy)]);
  const byMaterial = new Map<string, VersionRow[]>();
  for (const v of versions) byMaterial.set(v.materialId, [...(byMaterial.get(v.materialId) ?? []), v]);
  return rows.flatMap(({ material: m, sessionTitle }) => {
    const mine = byMaterial.get(m.id) ?? [];
    const latest = mine[mine.length - 1];
    if (!latest) return []; // created in the same transaction as its first version: never seen without one
    return [
      {
        id: m.id,
        meetingId: m.meetingId,
        title: m.title,
        kind: m.kind,
        author: m.authorId ? (byId.get(m.authorId) ?? null) : null,
        session: m.sessionId && sessionTitle !== null ? { id: m.sessionId, title: sessionTitle } : null,
        createdBy: m.createdBy ? (byId.get(m.createdBy) ?? null) : null,
        createdAt: m.createdAt.toISOString(),
        withdrawnAt: m.withdrawnAt?.toISOString() ?? null,
        versionCount: mine.length,
        latest: versionView(viewer, meetingId, latest, byId),
        allowedActions: allowedOn(viewer, m),
      },
    ];
  });
}

/** One material as the list shows it (the viewer may see it, or has just withdrawn it: checked before). */
export async function materialView(db: Db, viewer: Viewer, meetingId: string, materialId: string): Promise<MaterialView> {
  const [view] = await listMaterials(db, viewer, meetingId, { materialId, includeWithdrawn: true });
  if (!view) throw notFound('No such material for this meeting.');
  return view;
}

/** Every version of a material, newest first. */
export async function listVersions(db: Db, viewer: Viewer, meetingId: string, materialId: string): Promise<MaterialVersion[]> {
  const rows = await versionRows(db, [materialId]);
  const byId = await people(
    db,
    rows.map((r) => r.uploadedBy),
  );
  return rows.map((r) => versionView(viewer, meetingId, r, byId)).reverse();
}

/** The stored file of one version, or 404. */
export async function versionFile(db: Db, materialId: string, number: number): Promise<{ sha256: string; size: number; mimeType: string; fileName: string }> {
  const [row] = await db
    .select({ sha256: files.sha256, size: files.size, mimeType: files.mimeType, fileName: materialVersions.fileName })
    .from(materialVersions)
    .innerJoin(files, eq(files.sha256, materialVersions.fileSha256))
    .where(and(eq(materialVersions.materialId, materialId), eq(materialVersions.number, number)))
    .limit(1);
  if (!row) throw notFound('This material has no such version.');
  return row;
}
