import i18next, { type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../core/charter';
import { catalogs } from '../core/i18n';

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogs[l] }])),
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** A translator fixed to one language, for mail and other server-rendered text. */
export function translator(locale: string | null | undefined): TFunction {
  const lng: Locale = (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : 'en';
  return instance.getFixedT(lng);
}
