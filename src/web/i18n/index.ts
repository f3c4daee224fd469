import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../core/charter';
import { catalogs, LANGUAGE_NAMES, pickLocale, type Catalog } from '../../core/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}

export const UI_LOCALES: readonly Locale[] = ['en', 'ko', 'zh', 'ja'];
export { LANGUAGE_NAMES };
const STORAGE_KEY = 'accord.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Before we know who is signed in: the last choice on this device, else the browser's preference. */
function initialLocale(): Locale {
  return readStoredLocale() ?? pickLocale(navigator.languages ?? [navigator.language]);
}

function syncDocumentLanguage(lng: string) {
  document.documentElement.lang = lng;
  document.documentElement.dir = 'ltr';
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(UI_LOCALES.map((l) => [l, { translation: catalogs[l] }])),
  lng: initialLocale(),
  supportedLngs: [...UI_LOCALES],
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

/** The current UI language, narrowed to the four Accord supports. */
export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

/** Switches the UI language and remembers it on this device (the account keeps it separately). */
export function applyLocale(locale: Locale) {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice still holds for this page.
  }
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

/** BCP 47 tag for Intl formatting in a UI language. */
export function intlLocale(locale: Locale): string {
  return locale === 'zh' ? 'zh-Hans-CN' : locale;
}

export default i18n;
