import type { AgendaItemStatus, AgendaItemView } from '../../../core/agenda';
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

/** The items to list, in their numbers' order (numbers are never reused, so this is the order they were raised in). */
export function visibleItems<T extends { number: number; status: AgendaItemStatus }>(items: readonly T[], show: AgendaShow): T[] {
  return items.filter((i) => show === 'all' || i.status === 'open').sort((a, b) => a.number - b.number);
}

/**
 * The filter to start with: open items, unless the address points at an item that is not open
 * (a chip on a timetable links to an item closed since), which only "all" shows.
 */
export function initialShow(items: readonly { number: number; status: AgendaItemStatus }[], anchored: number | null): AgendaShow {
  if (anchored === null) return 'open';
  const target = items.find((i) => i.number === anchored);
  return target && target.status !== 'open' ? 'all' : 'open';
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

/** Counts for the filter. */
export function agendaCounts(items: readonly Pick<AgendaItemView, 'status'>[]) {
  return { open: items.filter((i) => i.status === 'open').length, total: items.length };
}
