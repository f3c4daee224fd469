import { z } from 'zod';
import { LIMITS } from './limits';
import { MATERIAL_KINDS } from './meetings';
import { ZPersonNames } from './people';

/**
 * The file types a meeting's materials may have, recognised by their content (the server's
 * sniffer), never by their name or the browser's claim. `extensions`: the names a file of the
 * type may end with; another ending gets the first one appended, so a saved download opens in
 * the program its content is for.
 */
export const MATERIAL_FILE_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['.pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)', extensions: ['.docx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint (PPTX)', extensions: ['.pptx'] },
  png: { mime: 'image/png', label: 'PNG', extensions: ['.png'] },
  jpeg: { mime: 'image/jpeg', label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
  gif: { mime: 'image/gif', label: 'GIF', extensions: ['.gif'] },
  webp: { mime: 'image/webp', label: 'WebP', extensions: ['.webp'] },
} as const;
export type MaterialFileType = keyof typeof MATERIAL_FILE_TYPES;
export const MATERIAL_FILE_TYPE_NAMES = Object.keys(MATERIAL_FILE_TYPES) as MaterialFileType[];

/** The type a stored MIME type stands for (files keep the MIME type they were recognised as). */
export function fileTypeOfMime(mime: string): MaterialFileType | null {
  return MATERIAL_FILE_TYPE_NAMES.find((t) => MATERIAL_FILE_TYPES[t].mime === mime) ?? null;
}

/** For a file input's `accept`: a hint only; the server decides by content. */
export const MATERIAL_ACCEPT = MATERIAL_FILE_TYPE_NAMES.flatMap((t) => [MATERIAL_FILE_TYPES[t].mime, ...MATERIAL_FILE_TYPES[t].extensions]).join(',');

export const MATERIAL_TITLE_MAX = 300;
export const MATERIAL_FILE_NAME_MAX = 200;

export const ZMaterialKind = z.enum(MATERIAL_KINDS);

/** An empty form field (a select left at "none") means absent. */
const ZOptionalId = z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional());

/**
 * The text fields of an upload, sent as multipart/form-data beside one part named `file`.
 * `authorId`: the group member the paper is attributed to; without it the material names no
 * author (under the Chatham House Rule a paper is attributed only with its author's consent).
 */
export const ZMaterialFields = z.object({
  title: z.string().trim().min(1).max(MATERIAL_TITLE_MAX),
  kind: ZMaterialKind,
  authorId: ZOptionalId,
  sessionId: ZOptionalId,
});
export type MaterialFields = z.infer<typeof ZMaterialFields>;

/** The multipart body as the OpenAPI document describes it (the server reads it part by part). */
export const ZMaterialUploadForm = ZMaterialFields.extend({
  file: z.string().meta({ format: 'binary', description: `PDF, DOCX, PPTX, PNG, JPEG, GIF or WebP, recognised by content; at most ${LIMITS.materialBytes / (1024 * 1024)} MB` }),
});
export const ZMaterialVersionUploadForm = z.object({ file: ZMaterialUploadForm.shape.file });

export const ZMaterialPerson = z.object({
  id: z.uuid(),
  displayName: z.string(),
  names: ZPersonNames,
  affiliation: z.string().nullable(),
});
export type MaterialPerson = z.infer<typeof ZMaterialPerson>;

export const ZMaterialVersion = z.object({
  number: z.number().int().min(1),
  fileName: z.string(),
  size: z.number().int(),
  /** What the content was recognised as. */
  type: z.enum(MATERIAL_FILE_TYPE_NAMES as [MaterialFileType, ...MaterialFileType[]]),
  mimeType: z.string(),
  /** Hex SHA-256 of the bytes: the same file uploaded twice has the same one. */
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: ZMaterialPerson.nullable(),
  /** Where the bytes are: the same rules as the list (who may see the group). */
  downloadUrl: z.string(),
});
export type MaterialVersion = z.infer<typeof ZMaterialVersion>;

/** What the viewer may do with one material (the group's `allowedActions` cannot say: it depends on who uploaded it). */
export const MATERIAL_ACTIONS = ['version.add', 'withdraw'] as const;

export const ZMaterialView = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  title: z.string(),
  kind: ZMaterialKind,
  author: ZMaterialPerson.nullable(),
  session: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  createdBy: ZMaterialPerson.nullable(),
  createdAt: z.iso.datetime(),
  /** Set when withdrawn: kept, and shown only to those who manage the group's meetings. */
  withdrawnAt: z.iso.datetime().nullable(),
  versionCount: z.number().int(),
  latest: ZMaterialVersion,
  allowedActions: z.array(z.enum(MATERIAL_ACTIONS)),
});
export type MaterialView = z.infer<typeof ZMaterialView>;

export const ZMaterialList = z.object({ items: z.array(ZMaterialView) });
export type MaterialList = z.infer<typeof ZMaterialList>;

export const ZMaterialVersionList = z.object({ material: ZMaterialView, versions: z.array(ZMaterialVersion) });
export type MaterialVersionList = z.infer<typeof ZMaterialVersionList>;
