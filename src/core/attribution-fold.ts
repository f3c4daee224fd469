import confusables from 'unhomoglyph/data.json' with { type: 'json' };

/*
 * How the attribution check reads text (issue #9, part 3): what a reader cannot see or cannot
 * tell apart is made the same before names are looked for, and every folded unit remembers where
 * its character stands in the original, so a finding still points at the text as written.
 *
 * - Default-ignorable code points (Unicode's Default_Ignorable_Code_Point: the soft hyphen U+00AD,
 *   zero-width space, joiners and non-joiners, word joiner, BOM, bidi controls, variation
 *   selectors, Hangul fillers, tags) are dropped: they render as nothing inside a name.
 * - Compatibility forms are folded (NFKC/NFKD: full-width letters, ligatures, mathematical
 *   letters), accents dropped, case ignored.
 * - Look-alike letters from other scripts are read as the Latin letter they look like, by the
 *   UTS #39 confusables data (Unicode's confusables.txt 13.0.0, as the MIT-licensed `unhomoglyph`
 *   package ships it): a Cyrillic 'а' or a Greek 'ο' inside 'Jonathan'. Only letters that map to a
 *   plain Latin letter or digit are mapped, and only outside Han, Hangul and kana, where the data
 *   would merge ordinary characters (katakana 'カ' with the Han '力', '一' with the long-vowel mark);
 *   ASCII itself is never remapped ('m' is not 'rn', '0' not 'O').
 */

const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;
/** Combining accents (the blocks of combining diacritical marks), which folding drops. */
const DIACRITIC_RANGES = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
] as const;
const isDiacritic = (code: number) => DIACRITIC_RANGES.some(([a, b]) => code >= a && code <= b);
const withoutDiacritics = (s: string) => [...s].filter((c) => !isDiacritic(c.codePointAt(0) as number)).join('');
const PLAIN = /^[a-z0-9]+$/;

export { HAN, HANGUL, KANA };

/** True for a character that renders as nothing (Default_Ignorable_Code_Point). */
export const isIgnorable = (ch: string) => IGNORABLE.test(ch);

let lookalikes: Map<string, string> | undefined;
/** The UTS #39 prototypes that are plain Latin letters or digits, built once on first use. */
function lookalikeTable(): Map<string, string> {
  if (!lookalikes) {
    lookalikes = new Map();
    for (const [from, to] of Object.entries(confusables as Record<string, string>)) {
      if (from.length > 2 || (from.codePointAt(0) as number) < 0x80) continue;
      const plain = withoutDiacritics(to.normalize('NFKD')).toLowerCase();
      if (PLAIN.test(plain)) lookalikes.set(from, plain);
    }
  }
  return lookalikes;
}

/**
 * The Latin letter a character of another script looks like, or undefined. The lower-case form
 * is asked first (Cyrillic 'І' is 'i' once lower-cased, while its own prototype is 'l'), then
 * the character as written (Cyrillic 'Н' looks like 'H'; its lower case 'н' like no Latin letter).
 */
function lookalike(c: string): string | undefined {
  const table = lookalikeTable();
  return table.get(c.toLowerCase()) ?? table.get(c);
}

const foldCache = new Map<string, string>();
/**
 * One character as the check compares it: nothing for a default-ignorable one or a combining
 * accent; Hangul syllables whole; Han and kana in their NFKC form; anything else decomposed
 * (NFKD), without accents, as the Latin letter it looks like where it looks like one, lower case.
 */
export function foldChar(ch: string): string {
  const code = ch.codePointAt(0) as number;
  if (code < 0x80) return ch.toLowerCase();
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  if (IGNORABLE.test(ch) || isDiacritic(code)) out = '';
  else if (code >= 0xac00 && code <= 0xd7a3) out = ch; // Hangul syllables stay whole
  else if (HAN.test(ch) || HANGUL.test(ch) || KANA.test(ch)) out = ch.normalize('NFKC').toLowerCase();
  else {
    out = '';
    for (const c of withoutDiacritics(ch.normalize('NFKD'))) {
      const code2 = c.codePointAt(0) as number;
      out += code2 < 0x80 ? c.toLowerCase() : (lookalike(c) ?? c.toLowerCase());
    }
    // A compatibility form may decompose into CJK (㈱ → (株)): keep that as NFKC gives it.
    if ([...out].some((c) => HAN.test(c) || KANA.test(c) || HANGUL.test(c))) out = ch.normalize('NFKC').toLowerCase();
  }
  if (foldCache.size < 50_000) foldCache.set(ch, out);
  return out;
}

/** Text as the check compares it (see `foldChar`); exported for the tests' preconditions. */
export function foldForMatching(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** 0: separates words (space, punctuation); 1: a letter or digit of a script written with spaces; 2: Han, Hangul or kana. */
export type CharClass = 0 | 1 | 2;
const classCache = new Map<string, CharClass>();
export function classOf(ch: string | undefined): CharClass {
  if (ch === undefined) return 0;
  const code = ch.codePointAt(0) as number;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? 1 : 0;
  let cls = classCache.get(ch);
  if (cls === undefined) {
    cls = HAN.test(ch) || HANGUL.test(ch) || KANA.test(ch) ? 2 : LETTER_OR_DIGIT.test(ch) ? 1 : 0;
    if (classCache.size < 50_000) classCache.set(ch, cls);
  }
  return cls;
}

/** The code point that ends just before `at`. */
export function charBefore(s: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  const low = s.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? s.slice(at - 2, at) : s[at - 1];
}
export const charAt = (s: string, at: number): string | undefined => (at < s.length ? String.fromCodePoint(s.codePointAt(at) as number) : undefined);
export const isSpace = (c: string | undefined) => c !== undefined && /^\s$/u.test(c);

/**
 * A text prepared for matching: folded; its skeleton (the letters and digits alone), where a
 * term's skeleton is looked up with indexOf; and the way back to offsets in the original.
 */
export interface Indexed {
  text: string;
  folded: string;
  skeleton: string;
  /** For each unit of the skeleton, its offset in `folded`. */
  skel: number[];
  /** For each unit of `folded`, where its original character starts and ends. */
  startOf: number[];
  endOf: number[];
}

export function index(text: string): Indexed {
  let folded = '';
  let skeleton = '';
  const skel: number[] = [];
  const startOf: number[] = [];
  const endOf: number[] = [];
  let i = 0;
  for (const ch of text) {
    const next = i + ch.length;
    const f = foldChar(ch);
    if (f === '' && !IGNORABLE.test(ch)) {
      // A combining accent belongs to the character before it; an ignorable one to neither side,
      // so a match ends at its last visible character and spans those inside it.
      for (let u = endOf.length - 1; u >= 0 && endOf[u] === i; u--) endOf[u] = next;
    }
    for (const c of f) {
      const cls = classOf(c);
      for (let k = 0; k < c.length; k++) {
        if (cls !== 0) {
          skeleton += c[k];
          skel.push(folded.length + k);
        }
        startOf.push(i);
        endOf.push(next);
      }
      folded += c;
    }
    i = next;
  }
  return { text, folded, skeleton, skel, startOf, endOf };
}
