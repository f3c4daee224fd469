import type { TFunction } from 'i18next';
import { isApiError } from '../../../api/client';
import { errorMessage } from '../../../components/errors';
import { currentLocale } from '../../../i18n';
import { formatBytes, MAX_BYTES } from './upload';

const REFUSALS = ['unknown', 'empty', 'zip_not_office', 'zip_malformed', 'office_with_macros'] as const;
type Refusal = (typeof REFUSALS)[number];
const isRefusal = (r: unknown): r is Refusal => typeof r === 'string' && (REFUSALS as readonly string[]).includes(r);

/**
 * What went wrong with an upload, said for people: a file over the limit with its size and the
 * limit; a refused type with why (the content, not the name, decides) and what is accepted;
 * otherwise the API's translated message.
 */
export function uploadErrorMessage(t: TFunction, err: unknown, file?: { size: number } | null): string {
  const locale = currentLocale();
  if (isApiError(err)) {
    if (err.code === 'request.too_large') {
      const limit = typeof err.problem.limitBytes === 'number' ? err.problem.limitBytes : MAX_BYTES;
      return file ? t('materials.errors.tooLarge', { size: formatBytes(file.size, locale), limit: formatBytes(limit, locale) }) : t('materials.errors.tooLargeNoSize', { limit: formatBytes(limit, locale) });
    }
    if (err.code === 'material.type_not_allowed') {
      const reason = err.problem.reason;
      return isRefusal(reason) ? `${t(`materials.refusal.${reason}`)} ${t('errors.material.type_not_allowed')}` : t('errors.material.type_not_allowed');
    }
  }
  return errorMessage(t, err);
}

/** The message for a check made before sending: an empty file, or one over the limit. */
export function precheckMessage(t: TFunction, problem: 'empty' | 'too_large', file: { size: number }): string {
  const locale = currentLocale();
  return problem === 'empty' ? t('materials.refusal.empty') : t('materials.errors.tooLarge', { size: formatBytes(file.size, locale), limit: formatBytes(MAX_BYTES, locale) });
}
