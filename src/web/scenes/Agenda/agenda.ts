import type { AgendaItemStatus } from '../../../core/agenda';
import type { Locale } from '../../../core/charter';
import { LANGUAGE_NAMES } from '../../../core/i18n';
import { detectTextLanguage } from '../../../core/text-language';

/** What the list shows: the items still open (the default), or every item ever raised. */
export type AgendaShow = 'open' | 'all';

/** The element id of an item on the agenda page, so that "item 3" can be linked to: …/agenda#item-3. */
export const itemAnchor = (number: number) => `item-${number}`;

/** The item number a location hash points at (#item-3 → 3), if any. */
export function anchoredItem(hash: string): number | null {
  const m = /^#item-(\d{1,6})$/.exec(hash);
  return m ? Number(m[1]) : null;
}

/** Items a page of the agenda shows (the server's default page size). */
export const AGENDA_PAGE_SIZE = 20;

/** The items to list, in their numbers' order (numbers are never reused, so this is the order they were raised in). */
export function visibleItems<T extends { number: number; status: AgendaItemStatus }>(items: readonly T[], show: AgendaShow): T[] {
  return items.filter((i) => show === 'all' || i.status === 'open').sort((a, b) => a.number - b.number);
}

/**
 * Whether to show every item rather than the open ones, for an address that points at an item:
 * `openPage` is the page of open items asked for that item (the server gives the page holding it),
 * so an item missing from it is not open (a chip on a timetable links to an item closed since),
 * and only "all" shows it. Nothing to decide until the page is there.
 */
export function showAllFor(openPage: readonly { number: number }[] | undefined, anchored: number | null): boolean {
  return anchored !== null && openPage !== undefined && !openPage.some((i) => i.number === anchored);
}

/** What a page of the list is asked with: the page chosen, or (until one is) the page holding the item the address points at. */
export function agendaQuery(show: AgendaShow, page: number | null, anchored: number | null): { status?: 'open'; page?: number; pageSize: number; at?: number } {
  return {
    ...(show === 'open' ? { status: 'open' as const } : {}),
    ...(page === null && anchored !== null ? { at: anchored } : { page: page ?? 1 }),
    pageSize: AGENDA_PAGE_SIZE,
  };
}

/**
 * The languages an item may be said to be written in: the four of the UI, each named in its
 * own script (as a person looks for their language), and the item's own when it is another.
 */
export function languageOptions(uiLocale: Locale, current?: string): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = (Object.keys(LANGUAGE_NAMES) as Locale[]).map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: nameInUi(current, uiLocale) });
  return options;
}

/** A language's name in the UI language ('fr' → 'French' / '프랑스어'); the tag itself when Intl does not know it. */
function nameInUi(code: string, uiLocale: Locale): string {
  try {
    return new Intl.DisplayNames([uiLocale === 'zh' ? 'zh-Hans-CN' : uiLocale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The language the text is written in, judged from its script as the server judges it
 * (`detectTextLanguage`), to show while the person has not chosen one: Hangul → ko, kana → ja,
 * Chinese characters alone → zh (ja for someone reading in Japanese), Latin → en; the UI
 * language where the letters cannot tell. Nothing while there is no text.
 */
export function suggestedLang(title: string, description: string, uiLocale: Locale): string | undefined {
  const text = `${title} ${description}`.trim();
  return text ? detectTextLanguage(text, uiLocale) : undefined;
}
