import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { MaterialFields } from '../../../core/materials';
import type { Db } from '../../db/client';
import { files, groupMemberships, materials, materialVersions, meetingSessions, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Sniffed } from '../../storage/sniff';
import { recordAudit } from '../audit/record';
import type { MaterialRow } from './queries';

/** A file already in storage: its rows may now be written. */
export interface StoredFile extends Sniffed {
  sha256: string;
  size: number;
  fileName: string;
}

interface Context {
  actor: Actor;
  groupId: string;
  meetingId: string;
}

/** The file's row: one per content, whoever uploads it again (content-addressed). */
async function recordFile(tx: Db, file: StoredFile) {
  await tx.insert(files).values({ sha256: file.sha256, size: file.size, mimeType: file.mime }).onConflictDoNothing({ target: files.sha256 });
}

/** The author of a material: a current member of the group (and an account that is not disabled). */
export async function requireCurrentMember(tx: Db, groupId: string, userId: string) {
  const [row] = await tx
    .select({ id: users.id })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId), isNull(groupMemberships.endedAt), isNull(users.disabledAt)))
    .limit(1);
  if (!row) throw new AppError('material.author_not_member', 'The author must be a current member of the group.', { errors: [{ path: 'body.authorId', code: 'not_member', message: 'Not a current member of the group' }] });
}

export async function requireSessionOfMeeting(tx: Db, meetingId: string, sessionId: string) {
  const [row] = await tx
    .select({ id: meetingSessions.id })
    .from(meetingSessions)
    .where(and(eq(meetingSessions.id, sessionId), eq(meetingSessions.meetingId, meetingId)))
    .limit(1);
  if (!row) throw new AppError('material.session_unknown', 'That session is not in this meeting’s timetable.', { errors: [{ path: 'body.sessionId', code: 'unknown', message: 'Not a session of this meeting' }] });
}

/** A new material with its first version; the file is in storage already. */
export async function addMaterial(tx: Db, ctx: Context, fields: MaterialFields, file: StoredFile): Promise<string> {
  if (fields.authorId) await requireCurrentMember(tx, ctx.groupId, fields.authorId);
  if (fields.sessionId) await requireSessionOfMeeting(tx, ctx.meetingId, fields.sessionId);
  await recordFile(tx, file);
  const [material] = await tx
    .insert(materials)
    .values({ meetingId: ctx.meetingId, title: fields.title, kind: fields.kind, authorId: fields.authorId ?? null, sessionId: fields.sessionId ?? null, createdBy: ctx.actor.user.id })
    .returning({ id: materials.id });
  if (!material) throw new Error('material not inserted');
  await tx.insert(materialVersions).values({ materialId: material.id, number: 1, fileSha256: file.sha256, fileName: file.fileName, uploadedBy: ctx.actor.user.id });
  await recordAudit(tx, {
    actorId: ctx.actor.user.id,
    action: 'material.added',
    targetType: 'material',
    targetId: material.id,
    groupId: ctx.groupId,
    data: { meetingId: ctx.meetingId, title: fields.title, kind: fields.kind, authorId: fields.authorId ?? null, sessionId: fields.sessionId ?? null, version: 1, fileName: file.fileName, type: file.type, size: file.size, sha256: file.sha256 },
  });
  return material.id;
}

/**
 * The next version of a material. The material's row is locked first, so two uploads at once
 * get consecutive numbers; a withdrawn material takes no more versions.
 */
export async function addVersion(tx: Db, ctx: Context, locked: MaterialRow, file: StoredFile): Promise<number> {
  if (locked.withdrawnAt) throw new AppError('material.withdrawn', 'This material was withdrawn; upload the file as a new material.');
  const [latest] = await tx
    .select({ number: materialVersions.number, sha256: materialVersions.fileSha256 })
    .from(materialVersions)
    .where(eq(materialVersions.materialId, locked.id))
    .orderBy(desc(materialVersions.number))
    .limit(1);
  if (latest?.sha256 === file.sha256) throw new AppError('material.same_as_latest', `This file is the same as version ${latest.number}.`, { data: { version: latest.number } });
  const number = (latest?.number ?? 0) + 1;
  await recordFile(tx, file);
  await tx.insert(materialVersions).values({ materialId: locked.id, number, fileSha256: file.sha256, fileName: file.fileName, uploadedBy: ctx.actor.user.id });
  await recordAudit(tx, {
    actorId: ctx.actor.user.id,
    action: 'material.version_added',
    targetType: 'material',
    targetId: locked.id,
    groupId: ctx.groupId,
    data: { meetingId: ctx.meetingId, title: locked.title, version: number, fileName: file.fileName, type: file.type, size: file.size, sha256: file.sha256 },
  });
  return number;
}

/** Withdraws a material: kept with its versions, hidden from all but those who manage meetings. Withdrawing again changes nothing. */
export async function withdrawMaterial(tx: Db, ctx: Context, locked: MaterialRow): Promise<void> {
  if (locked.withdrawnAt) return;
  await tx.update(materials).set({ withdrawnAt: sql`now()` }).where(eq(materials.id, locked.id));
  await recordAudit(tx, {
    actorId: ctx.actor.user.id,
    action: 'material.withdrawn',
    targetType: 'material',
    targetId: locked.id,
    groupId: ctx.groupId,
    data: { meetingId: ctx.meetingId, title: locked.title },
  });
}
