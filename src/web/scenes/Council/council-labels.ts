import type { TFunction } from 'i18next';
import i18n from '../../i18n';

/** A sub-region key ('northeast_asia') in the UI language, or made readable when the catalog lacks it. */
export function subregionLabel(t: TFunction, key: string): string {
  const path = `council.subregions.${key}`;
  return i18n.exists(path) ? t(path as 'council.subregions.northeast_asia') : key.replace(/_/g, ' ');
}

/** Sub-regions the catalog names, offered when a committee is added or edited. */
export const KNOWN_SUBREGIONS = ['northeast_asia', 'southeast_asia', 'south_asia', 'oceania', 'north_america', 'europe'] as const;
