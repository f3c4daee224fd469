import { MATERIAL_FILE_TYPES, type MaterialFileType } from '../../core/materials';

/**
 * What a file is, decided from its bytes alone: the name and the type the browser sent are
 * whatever the uploader (or their malware) says. Only the types meetings need are recognised;
 * everything else — programs, HTML, SVG, plain ZIP archives, old binary Office files — is not.
 *
 * Each check is strict where being lenient would let another kind of file through: a PDF must
 * begin with its header (a header further in is how PDF/HTML polyglots work); an Office file
 * must be a ZIP from its first byte to its last (a ZIP appended to a program, as in a
 * self-extracting .exe, has a valid central directory too) whose central directory names the
 * package's main part, and must not carry macros.
 */
export interface Sniffed {
  type: MaterialFileType;
  mime: string;
}

/** Why a ZIP-based file was not accepted, for the refusal's detail. */
export type SniffRefusal = 'unknown' | 'empty' | 'zip_not_office' | 'office_with_macros' | 'zip_malformed';

export type SniffResult = { ok: true; file: Sniffed } | { ok: false; reason: SniffRefusal };

const ascii = (bytes: Uint8Array, offset: number, text: string) => {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
};
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);

const found = (type: MaterialFileType): SniffResult => ({ ok: true, file: { type, mime: MATERIAL_FILE_TYPES[type].mime } });
const refused = (reason: SniffRefusal): SniffResult => ({ ok: false, reason });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

export function sniff(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return refused('empty');
  if (ascii(bytes, 0, '%PDF-')) return found('pdf');
  // PNG: the signature, then the IHDR chunk (length 13) that must come first.
  if (startsWith(bytes, PNG_SIGNATURE) && ascii(bytes, 12, 'IHDR')) return found('png');
  // JPEG: start of image, then a marker.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return found('jpeg');
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return found('gif');
  // WebP: a RIFF container of form WEBP whose first chunk is one of WebP's.
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP') && (ascii(bytes, 12, 'VP8 ') || ascii(bytes, 12, 'VP8L') || ascii(bytes, 12, 'VP8X'))) return found('webp');
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return sniffOfficeZip(bytes);
  return refused('unknown');
}

/** The names of a ZIP archive's entries, read from its central directory; null when it is not a well-formed ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const EOCD = 0x06054b50;
  const EOCD_SIZE = 22;
  if (bytes.length < EOCD_SIZE) return null;
  // The end-of-central-directory record is last, followed only by its comment (at most 64 KiB).
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SIZE - 0xffff); at--) {
    if (u32(at) === EOCD && at + EOCD_SIZE + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) return null; // multi-disk archives: not an Office file
  let entries = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  let cdEnd = eocd;
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: a locator just before the record points at the 64-bit record.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== 0x07064b50) return null;
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record < 0 || record + 56 > locator || u32(record) !== 0x06064b50) return null;
    entries = Number(view.getBigUint64(record + 32, true));
    cdSize = Number(view.getBigUint64(record + 40, true));
    cdOffset = Number(view.getBigUint64(record + 48, true));
    cdEnd = record;
  }
  // The directory must sit exactly before its end record: nothing hidden between them.
  if (cdOffset + cdSize !== cdEnd || entries > cdSize / 46) return null;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > cdEnd || u32(at) !== 0x02014b50) return null;
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cdEnd) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  if (at !== cdEnd) return null;
  return names;
}

function sniffOfficeZip(bytes: Uint8Array): SniffResult {
  const names = zipEntryNames(bytes);
  if (!names) return refused('zip_malformed');
  const has = new Set(names.map((n) => n.toLowerCase()));
  // Every Office Open XML package has [Content_Types].xml; its main part says which program it is for.
  if (!has.has('[content_types].xml')) return refused('zip_not_office');
  // Macros live in vbaProject.bin: a .docm or .pptm is not a DOCX or PPTX, whatever it is called.
  if ([...has].some((n) => n.endsWith('vbaproject.bin'))) return refused('office_with_macros');
  if (has.has('word/document.xml')) return found('docx');
  if (has.has('ppt/presentation.xml')) return found('pptx');
  return refused('zip_not_office');
}
