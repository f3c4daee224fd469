import { z } from 'zod';
import { LIMITS } from './limits';

export const NAME_SCRIPTS = ['latin', 'hangul', 'hanzi', 'kanji'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];

/** A person's name in each script they write it in; `latin` is how they write it in English. */
export const ZPersonNames = z.object({
  latin: z.string().min(1).max(LIMITS.nameMax).optional(),
  hangul: z.string().min(1).max(LIMITS.nameMax).optional(),
  hanzi: z.string().min(1).max(LIMITS.nameMax).optional(),
  kanji: z.string().min(1).max(LIMITS.nameMax).optional(),
});
export type PersonNames = z.infer<typeof ZPersonNames>;

/** One spelling in a change: trimmed; an empty string (an emptied form field) or null removes it. */
const ZSpellingChange = z
  .string()
  .trim()
  .max(LIMITS.nameMax)
  .nullable()
  .transform((v) => (v ? v : null));

/**
 * A change to some spellings of a name: a script left out keeps its spelling, a text sets it,
 * an empty string or null removes it.
 */
export const ZPersonNamesChange = z
  .object({
    latin: ZSpellingChange.optional(),
    hangul: ZSpellingChange.optional(),
    hanzi: ZSpellingChange.optional(),
    kanji: ZSpellingChange.optional(),
  })
  .strict();
export type PersonNamesChange = z.output<typeof ZPersonNamesChange>;

/** The names after a change: only the scripts that keep a spelling. */
export function applyNamesChange(current: PersonNames, change: PersonNamesChange): PersonNames {
  const next: PersonNames = {};
  for (const script of NAME_SCRIPTS) {
    const value = change[script] === undefined ? current[script] : change[script];
    if (value) next[script] = value;
  }
  return next;
}
