import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../../core/limits';
import { MATERIAL_FILE_NAME_MAX, MATERIAL_FILE_TYPE_NAMES, MATERIAL_FILE_TYPES, type MaterialFileType } from '../../../core/materials';
import { AppError } from '../../http/errors';
import { requireStorableText } from '../../http/input-guard';
import { sniff, type Sniffed, type SniffRefusal } from '../../storage/sniff';

/** Busboy's limits for an upload: one file, a few short text fields. */
export const MULTIPART_LIMITS = {
  fileSize: LIMITS.materialBytes,
  files: 1,
  fields: 10,
  fieldSize: 4096,
  parts: 12,
  headerPairs: 100,
} as const;

/** Room for the text fields, part headers and boundaries around the file. */
const ENVELOPE_BYTES = 64 * 1024;
const MB = LIMITS.materialBytes / (1024 * 1024);

export interface Upload {
  fields: Record<string, unknown>;
  file: { filename: string; bytes: Buffer } | null;
}

const tooLarge = () => new AppError('request.too_large', `A file may be at most ${MB} MB.`, { data: { limitBytes: LIMITS.materialBytes } });

/** Multipart errors of the plugin and of busboy, answered with our codes (never a 500). */
function translate(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('request.too_large', 'The upload has more parts than a material needs (one file and its fields).');
    case 'FST_FILES_LIMIT':
      return new AppError('validation.failed', 'Send one file.', { errors: [{ path: 'body.file', code: 'too_many', message: 'Send one file' }] });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('request.unsupported_media_type', 'Send the upload as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('request.bad_request', 'The upload has a field that is not allowed.');
    default:
      // Busboy's own: a malformed or truncated body.
      if (err instanceof Error && !code) return new AppError('request.bad_request', `The upload could not be read: ${err.message}.`);
      return err;
  }
}

/**
 * Reads a multipart upload: its text fields, and the one part named `file` into memory (at
 * most LIMITS.materialBytes; over → 413 before anything is stored). A body announced larger
 * than that is refused before a byte of it is read.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('request.unsupported_media_type', 'Send the upload as multipart/form-data with a part named file.');
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > LIMITS.materialBytes + ENVELOPE_BYTES) throw tooLarge();
  const fields: Record<string, unknown> = {};
  let file: Upload['file'] = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new AppError('validation.failed', `Send the file in a part named file, not ${part.fieldname}.`, {
            errors: [{ path: `body.${part.fieldname}`, code: 'unrecognized_keys', message: 'Only the part named file may hold a file' }],
          });
        }
        file = { filename: part.filename, bytes: await part.toBuffer() };
      } else {
        if (part.valueTruncated) throw new AppError('validation.failed', `The field ${part.fieldname} is too long.`, { errors: [{ path: `body.${part.fieldname}`, code: 'too_big', message: 'Too long' }] });
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw translate(err);
  }
  // The fields are strings that entered past the JSON body check: the same rule for them.
  requireStorableText(fields, 'body');
  return { fields, file };
}

const ALLOWED = MATERIAL_FILE_TYPE_NAMES.map((t) => MATERIAL_FILE_TYPES[t].label);
const REFUSALS: Record<SniffRefusal, string> = {
  unknown: 'Its content is not one of the allowed types',
  empty: 'The file is empty',
  zip_not_office: 'It is an archive, not a Word or PowerPoint file',
  zip_malformed: 'It looks like an archive but is damaged or has something appended',
  office_with_macros: 'It is an Office file with macros (.docm, .pptm), which are not accepted',
};

/** The file's type by its content, or 415 material.type_not_allowed naming what is allowed. */
export function requireAllowedType(bytes: Uint8Array): Sniffed {
  const result = sniff(bytes);
  if (result.ok) return result.file;
  throw new AppError('material.type_not_allowed', `${REFUSALS[result.reason]}. Allowed: ${ALLOWED.join(', ')}; the type is read from the content, not the name.`, {
    data: { allowed: MATERIAL_FILE_TYPE_NAMES, reason: result.reason },
  });
}

// Control characters, and the bidirectional overrides that make "report‮fdp.exe" read as "reportexe.pdf".
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is kept and downloaded under: the uploader's name (in NFC, as macOS sends
 * Korean names decomposed), without folders, control characters or direction overrides, at
 * most MATERIAL_FILE_NAME_MAX characters, and ending in an extension of the type its content
 * has: "paper.exe" holding a PDF is kept as "paper.exe.pdf", so a saved copy opens as a PDF.
 */
export function safeFileName(raw: string, type: MaterialFileType): string {
  const extensions = MATERIAL_FILE_TYPES[type].extensions;
  let name = (raw.split(/[/\\]/).pop() ?? '').normalize('NFC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^\.+/, '').trim();
  const lower = name.toLowerCase();
  let ext: string | undefined = extensions.find((e) => lower.endsWith(e) && lower.length > e.length);
  let base = ext ? name.slice(0, name.length - ext.length) : name;
  if (ext) ext = name.slice(name.length - ext.length);
  else ext = extensions[0];
  base = base.replace(/[.\s]+$/, '');
  if (!base) base = 'material';
  const room = MATERIAL_FILE_NAME_MAX - (ext?.length ?? 0);
  if ([...base].length > room) base = [...base].slice(0, room).join('').trim();
  return `${base}${ext ?? ''}`;
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients and the
 * exact name, UTF-8 percent-encoded as RFC 5987 says, in `filename*`, which browsers prefer.
 */
export function contentDisposition(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  const base = dot > 0 ? name.slice(0, dot) : name;
  const asciiOnly = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim();
  const fallbackBase = asciiOnly(base);
  const fallback = `${/[A-Za-z0-9]/.test(fallbackBase) ? fallbackBase : 'material'}${asciiOnly(ext)}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
