import { z } from 'zod';
import { LIMITS } from './limits';

export const NAME_SCRIPTS = ['latin', 'hangul', 'hanzi', 'kanji'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];
/** The key that records a script's family name: 'latinFamily', 'kanjiFamily'. */
export type FamilyKey = `${NameScript}Family`;
export const familyKey = (script: NameScript): FamilyKey => `${script}Family`;
export const FAMILY_KEYS = NAME_SCRIPTS.map(familyKey);

const ZSpelling = z.string().min(1).max(LIMITS.nameMax).optional();

/**
 * A person's name in each script they write it in; `latin` is how they write it in English.
 * `<script>Family` records which part of that spelling is the family name ('Ashby' of
 * 'Jonathan R. Ashby', '佐々木' of '佐々木健太'): the attribution check looks for it with a title
 * and alone, and without a record it has to guess (either end of a Latin name, the first one or
 * two characters in Han and Hangul, which misses 長谷川, 久保田 or 남궁). Flat keys, so `names`
 * stays a map of strings for every reader that takes it as one.
 */
export const ZPersonNames = z.object({
  latin: ZSpelling,
  hangul: ZSpelling,
  hanzi: ZSpelling,
  kanji: ZSpelling,
  latinFamily: ZSpelling,
  hangulFamily: ZSpelling,
  hanziFamily: ZSpelling,
  kanjiFamily: ZSpelling,
});
export type PersonNames = z.infer<typeof ZPersonNames>;

/** One spelling in a change: trimmed; an empty string (an emptied form field) or null removes it. */
const ZSpellingChange = z
  .string()
  .trim()
  .max(LIMITS.nameMax)
  .nullable()
  .transform((v) => (v ? v : null))
  .optional();

/**
 * A change to some spellings of a name, or to their family names: a key left out keeps its
 * value, a text sets it, an empty string or null removes it.
 */
export const ZPersonNamesChange = z
  .object({
    latin: ZSpellingChange,
    hangul: ZSpellingChange,
    hanzi: ZSpellingChange,
    kanji: ZSpellingChange,
    latinFamily: ZSpellingChange,
    hangulFamily: ZSpellingChange,
    hanziFamily: ZSpellingChange,
    kanjiFamily: ZSpellingChange,
  })
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

/** The family names a change sets that do not fit the spelling they go with. */
export function namesChangeProblems(next: PersonNames, change: PersonNamesChange): { key: FamilyKey; message: string }[] {
  const out: { key: FamilyKey; message: string }[] = [];
  for (const script of NAME_SCRIPTS) {
    const key = familyKey(script);
    const family = change[key];
    if (!family) continue;
    const name = next[script];
    if (!name) out.push({ key, message: `No ${script} spelling of the name to take a family name from.` });
    else if (!familyFits(script, name, family)) out.push({ key, message: `“${family}” is not the beginning or the end of “${name}”.` });
  }
  return out;
}

/**
 * The names after a change: only the scripts that keep a spelling, and only the family names
 * that still fit theirs (a spelling removed, or changed so that its family name no longer fits,
 * drops it).
 */
export function applyNamesChange(current: PersonNames, change: PersonNamesChange): PersonNames {
  const next: PersonNames = {};
  for (const script of NAME_SCRIPTS) {
    const value = change[script] === undefined ? current[script] : change[script];
    if (value) next[script] = value;
  }
  for (const script of NAME_SCRIPTS) {
    const key = familyKey(script);
    const f = change[key] === undefined ? current[key] : change[key];
    const name = next[script];
    if (f && name && (change[key] !== undefined || familyFits(script, name, f))) next[key] = f;
  }
  return next;
}
