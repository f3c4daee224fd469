import type { TFunction } from 'i18next';
import i18n from '../i18n';
import { isApiError } from '../api/client';

/** The translated message for any error: the API's code under errors.*, or a network/internal fallback. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (isApiError(err)) {
    if (err.code === 'network') return t('errors.network');
    const key = `errors.${err.code}`;
    if (err.code !== 'server.internal' && i18n.exists(key)) return t(key as 'errors.server.internal', { requestId: err.requestId ?? '—' });
    return t('errors.server.internal', { requestId: err.requestId ?? '—' });
  }
  return t('errors.server.internal', { requestId: '—' });
}

export const isNotFound = (err: unknown) => isApiError(err) && (err.code === 'resource.not_found' || err.code === 'request.not_found');
