import { z } from 'zod';
import { LIMITS } from './limits';

export const NAME_SCRIPTS = ['latin', 'hangul', 'hanzi', 'kanji'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];

const ZSpelling = z.string().min(1).max(LIMITS.nameMax);

/**
 * A person's name in each script they write it in; `latin` is how they write it in English.
 * `family` records, per script, which part of that spelling is the family name ('Ashby' of
 * 'Jonathan R. Ashby', '佐々木' of '佐々木健太'): the attribution check looks for it with a title
 * and alone, and without a record it has to guess (the first or last word in Latin, the first
 * one or two characters in Han and Hangul, which misses 長谷川, 久保田 or 南宮).
 */
export const ZPersonNames = z.object({
  latin: ZSpelling.optional(),
  hangul: ZSpelling.optional(),
  hanzi: ZSpelling.optional(),
  kanji: ZSpelling.optional(),
  family: z
    .object({
      latin: ZSpelling.optional(),
      hangul: ZSpelling.optional(),
      hanzi: ZSpelling.optional(),
      kanji: ZSpelling.optional(),
    })
    .optional(),
});
export type PersonNames = z.infer<typeof ZPersonNames>;

/** One spelling in a change: trimmed; an empty string (an emptied form field) or null removes it. */
const ZSpellingChange = z
  .string()
  .trim()
  .max(LIMITS.nameMax)
  .nullable()
  .transform((v) => (v ? v : null));

const scriptsChange = {
  latin: ZSpellingChange.optional(),
  hangul: ZSpellingChange.optional(),
  hanzi: ZSpellingChange.optional(),
  kanji: ZSpellingChange.optional(),
};

/**
 * A change to some spellings of a name: a script left out keeps its spelling, a text sets it,
 * an empty string or null removes it; `family` the same for the family names.
 */
export const ZPersonNamesChange = z
  .object({ ...scriptsChange, family: z.object(scriptsChange).strict().optional() })
  .strict();
export type PersonNamesChange = z.output<typeof ZPersonNamesChange>;

const compact = (s: string) => s.replace(/[\s\u3000・·]+/g, '');
const latinWords = (s: string) => s.trim().split(/\s+/).filter(Boolean);

/**
 * Whether a family name is part of its script's spelling: whole words at the start or end of a
 * Latin name ('Vega-Hartley', 'van der Berg'); the first or last characters of a Han or Hangul
 * name ('佐々木' of '佐々木 健太', spaces aside).
 */
export function familyFits(script: NameScript, name: string, family: string): boolean {
  if (script === 'latin') {
    const n = latinWords(name).map((w) => w.toLowerCase());
    const f = latinWords(family).map((w) => w.toLowerCase());
    if (!f.length || f.length >= n.length) return false;
    const at = (k: number) => f.every((w, i) => n[k + i] === w);
    return at(0) || at(n.length - f.length);
  }
  const n = compact(name);
  const f = compact(family);
  return f.length > 0 && f.length < n.length && (n.startsWith(f) || n.endsWith(f));
}

/** The family names of a change that do not fit the spelling they would go with, as field paths. */
export function namesChangeProblems(next: PersonNames, change: PersonNamesChange): { script: NameScript; message: string }[] {
  const out: { script: NameScript; message: string }[] = [];
  for (const script of NAME_SCRIPTS) {
    const family = change.family?.[script];
    if (!family) continue;
    const name = next[script];
    if (!name) out.push({ script, message: `No ${script} spelling of the name to take a family name from.` });
    else if (!familyFits(script, name, family)) out.push({ script, message: `“${family}” is not the beginning or the end of “${name}”.` });
  }
  return out;
}

/**
 * The names after a change: only the scripts that keep a spelling, and only the family names
 * that still fit theirs (a spelling changed so that its family name no longer fits drops it).
 */
export function applyNamesChange(current: PersonNames, change: PersonNamesChange): PersonNames {
  const next: PersonNames = {};
  const family: NonNullable<PersonNames['family']> = {};
  for (const script of NAME_SCRIPTS) {
    const value = change[script] === undefined ? current[script] : change[script];
    if (value) next[script] = value;
    const f = change.family?.[script] === undefined ? current.family?.[script] : change.family[script];
    if (f && value && familyFits(script, value, f)) family[script] = f;
  }
  if (Object.keys(family).length) next.family = family;
  return next;
}
