import type { ErrorCode, FieldError } from '../../core/errors';

/** A failed API call, carrying the problem+json `code` that names its i18n message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** An API error code, or 'network' when the server could not be reached. */
    readonly code: ErrorCode | 'network',
    readonly requestId?: string,
    readonly fieldErrors: FieldError[] = [],
    detail?: string,
    /** The whole problem document, for codes that carry more (e.g. `allowed`, `latestVersion`). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail ?? code);
    this.name = 'ApiError';
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

let csrfFallback = '';

/** GET /api/session hands out the CSRF token as well; kept for when the cookie is unreadable. */
export function rememberCsrfToken(token: string) {
  if (token) csrfFallback = token;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The double-submit CSRF token: the server's cookie (prefixed __Host- over https). */
function csrfToken(): string {
  return readCookie('__Host-accord_csrf') ?? readCookie('accord_csrf') ?? csrfFallback;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One JSON call to the Accord API, same-origin with cookies; throws ApiError on any failure. */
export async function api<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const problem = (data ?? {}) as { code?: ErrorCode; requestId?: string; errors?: FieldError[]; detail?: string };
    const code: ErrorCode = problem.code ?? (res.status >= 500 ? 'server.internal' : 'request.bad_request');
    throw new ApiError(res.status, code, problem.requestId ?? res.headers.get('x-request-id') ?? undefined, problem.errors ?? [], problem.detail, (data ?? {}) as Record<string, unknown>);
  }
  return data as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, signal);
