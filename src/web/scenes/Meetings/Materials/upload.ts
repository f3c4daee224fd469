import type { ErrorCode, FieldError } from '../../../../core/errors';
import { LIMITS } from '../../../../core/limits';
import type { MaterialKind } from '../../../../core/meetings';
import { MATERIAL_FILE_TYPE_NAMES, MATERIAL_FILE_TYPES, type MaterialFileType } from '../../../../core/materials';
import { ApiError } from '../../../api/client';

/**
 * Uploads with progress. fetch() reports no upload progress, so a file goes up with
 * XMLHttpRequest, dressed as the API client dresses its requests: same-origin (the session
 * cookie goes with it), the double-submit CSRF token in x-csrf-token, problem+json errors turned
 * into the same ApiError the rest of the app shows.
 */

export interface Progress {
  loaded: number;
  total: number;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The CSRF token as the API client finds it: the cookie (prefixed __Host- over https), else what GET /api/session gave. */
function csrfToken(fallback: string): string {
  return readCookie('__Host-accord_csrf') ?? readCookie('accord_csrf') ?? fallback;
}

/** The ApiError a response stands for, as api() builds it. */
export function problemToError(status: number, text: string, requestId: string | null): ApiError {
  let data: Record<string, unknown>;
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    data = {};
  }
  const code = (typeof data.code === 'string' ? data.code : status === 413 ? 'request.too_large' : status >= 500 ? 'server.internal' : 'request.bad_request') as ErrorCode;
  const errors = Array.isArray(data.errors) ? (data.errors as FieldError[]) : [];
  return new ApiError(status, code, (typeof data.requestId === 'string' ? data.requestId : null) ?? requestId ?? undefined, errors, typeof data.detail === 'string' ? data.detail : undefined, data);
}

/** POSTs multipart form data; `onProgress` follows the bytes going up. Rejects with ApiError, or an AbortError when `signal` aborts. */
export function uploadForm<T>(path: string, form: FormData, opts: { csrfFallback: string; onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    // Same origin: the session cookie goes with the request (withCredentials matters only across origins).
    xhr.withCredentials = false;
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken(opts.csrfFallback));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.({ loaded: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'server.internal', xhr.getResponseHeader('x-request-id') ?? undefined));
        }
        return;
      }
      reject(problemToError(xhr.status, xhr.responseText, xhr.getResponseHeader('x-request-id')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    if (opts.signal) {
      if (opts.signal.aborted) {
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
        return;
      }
      opts.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

export const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

/** The most a file may weigh (the server refuses more with 413 before storing anything). */
export const MAX_BYTES = LIMITS.materialBytes;

/** What the server accepts, by the labels people know: 'PDF, Word (DOCX), …'. */
export const ALLOWED_LABELS = MATERIAL_FILE_TYPE_NAMES.map((t) => MATERIAL_FILE_TYPES[t].label);

/** A size for people: '840 KB', '12.4 MB', in the UI language's digits. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  try {
    // Bytes in words ('607 bytes', '607바이트'); larger units short ('1.5 kB', '12 MB').
    return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${['B', 'KB', 'MB', 'GB'][unit]}`;
  }
}

/** A file's title as first suggested: its name without the extension, separators as spaces. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return base.replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The type a file's name and the browser's guess suggest (only a hint: the server reads the content). */
export function guessType(file: { name: string; type: string }): MaterialFileType | null {
  const lower = file.name.toLowerCase();
  return MATERIAL_FILE_TYPE_NAMES.find((t) => MATERIAL_FILE_TYPES[t].mime === file.type || MATERIAL_FILE_TYPES[t].extensions.some((e) => lower.endsWith(e))) ?? null;
}

/** The kind a file most likely is: slides for a presentation, an image for a picture, else a paper. */
export function guessKind(file: { name: string; type: string }): MaterialKind {
  const type = guessType(file);
  if (type === 'pptx') return 'slides';
  if (type === 'png' || type === 'jpeg' || type === 'gif' || type === 'webp') return 'image';
  return 'paper';
}

/** Why a file cannot go up at all, before a byte is sent: empty, or over the limit. */
export function precheck(file: { size: number }): 'empty' | 'too_large' | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_BYTES) return 'too_large';
  return null;
}
