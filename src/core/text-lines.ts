/*
 * Line numbers for texts in English, Korean, Chinese and Japanese (issue #5, part 2).
 *
 * Amendments cite "paragraph 3, lines 12-14", so everyone must see the same lines: the server,
 * the editor and the printed text break a paragraph with this one function, at a fixed width in
 * columns, never by what a browser happens to render. Tools that break only at spaces (OpenSlides,
 * Antragsgrün) put a whole Chinese or Japanese paragraph on one line; here a line may break
 * between any two Han or kana characters, as CJK typesetting does, under the basic kinsoku rules.
 *
 * Isomorphic and pure: no DOM, no Intl, so a line breaks at the same place everywhere.
 */

/** One line of a paragraph. Offsets are UTF-16 code units into the paragraph's text. */
export interface Line {
  start: number;
  /** Excludes the whitespace at the break, which belongs to no line (see `breakLines`). */
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Width

/**
 * Code points that take two columns: Unicode's East Asian Wide and Fullwidth (UAX #11), reduced
 * to the blocks these four languages use, plus the common emoji, which every CJK font and most
 * terminals draw wide. Sorted; a code point not in a range takes one column.
 */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo, leading consonants (the vowels and finals that follow take none)
  [0x231a, 0x231b], // ⌚⌛
  [0x2329, 0x232a], // 〈〉 (the old angle brackets)
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f5],
  [0x26fa, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, Kanbun, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII and brackets
  [0xffe0, 0xffe6], // fullwidth signs (￠￡￢￣￤￥￦)
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut (historical, but wide)
  [0x1b000, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], // enclosed ideographic supplement
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK Extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // CJK Extensions G–H
];

/**
 * Code points that take no column: combining marks (accents drawn over the letter before), the
 * Hangul vowels and final consonants that complete a leading jamo, and invisible format
 * characters (zero-width space and joiner, variation selectors, the soft hyphen).
 */
const ZERO_WIDTH = /^(?:[\p{Mn}\p{Me}\p{Cf}]|[\u1160-\u11ff]|[\ud7b0-\ud7ff])$/u;

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE_RANGES[mid] as readonly [number, number];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The columns one code point takes: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if ((cp >= 0x20 && cp < 0x7f) || cp === 0x09) return 1; // ASCII, the common case (a tab counts as a space)
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0; // control characters
  if (cp >= 0x300 && ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  return isWide(cp) ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// Break rules

/**
 * Characters that may not begin a line (kinsoku shori, 行頭禁則; JIS X 4051 and the W3C's
 * "Requirements for Japanese Text Layout", as Chinese and Korean typesetting also follow):
 * closing brackets and quotes, commas and full stops, ? ! : ; and the middle dot, hyphens and
 * the wave dash, iteration marks, the prolonged sound mark, small kana, ellipses, and signs that
 * follow a number (％ ℃). The ASCII forms are here too, for text typed on a Latin keyboard.
 */
const NO_START = new Set(
  [
    ')]}»›’”',
    '）〕］｝〉》」』】〙〗〟｠｣',
    '、。，．,.｡､',
    '？！?!‼⁇⁈⁉',
    '・：；:;･',
    '‐゠–〜～',
    'ヽヾゝゞ々〻',
    'ーｰ',
    'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯ',
    'ﾞﾟ゛゜',
    '…‥',
    '%％‰℃°′″',
  ].join(''),
);

/** Characters that may not end a line (行末禁則): opening brackets and quotes. */
const NO_END = new Set(['([{«‹‘“', '（〔［｛〈《「『【〘〖〝｟｢'].join(''));

/** Spaces that bind the words either side (no-break space, narrow and figure spaces, word joiner). */
const GLUE = new Set(['\u00a0', '\u202f', '\u2007', '\u2060', '\ufeff']);

/**
 * What the line breaker needs to know about a code point, as bits: its width (the low two bits)
 * and the flags below. Worked out once per code point and kept, since a paragraph repeats few.
 */
const WIDTH_MASK = 3;
const SPACE = 1 << 2;
const NEWLINE = 1 << 3;
const NO_START_BIT = 1 << 4;
const NO_END_BIT = 1 << 5;
const HANGUL = 1 << 6;
const GLUE_BIT = 1 << 7;
const ZWSP = 1 << 8;
/** Joins the grapheme before it (a combining mark, a variation selector, a skin tone, a Hangul vowel or final). */
const EXTEND = 1 << 9;
const ZWJ = 1 << 10;
const REGIONAL = 1 << 11;
/** Set on every entry worked out, so that 0 in the cache means not yet. */
const KNOWN = 1 << 12;

const HANGUL_SCRIPT = /^\p{Script=Hangul}$/u;
const WHITESPACE = /^\s$/;
const EXTENDING = /^(?:\p{M}|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}]|[\u{1f3fb}-\u{1f3ff}]|[\u1160-\u11ff]|[\ud7b0-\ud7ff])$/u;

function computeProps(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let p = codePointWidth(cp) | KNOWN;
  if (cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029) p |= NEWLINE;
  else if (GLUE.has(ch)) p |= GLUE_BIT;
  else if (WHITESPACE.test(ch)) p |= SPACE;
  if (NO_START.has(ch)) p |= NO_START_BIT;
  if (NO_END.has(ch)) p |= NO_END_BIT;
  if (HANGUL_SCRIPT.test(ch)) p |= HANGUL;
  if (cp === 0x200b) p |= ZWSP;
  if (cp === 0x200d) p |= ZWJ;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) p |= REGIONAL;
  if (EXTENDING.test(ch)) p |= EXTEND;
  return p;
}

let bmp: Uint16Array | undefined;
const astral = new Map<number, number>();
function props(cp: number): number {
  if (cp < 0x10000) {
    bmp ??= new Uint16Array(0x10000);
    return bmp[cp] || (bmp[cp] = computeProps(cp));
  }
  let p = astral.get(cp);
  if (p === undefined) {
    p = computeProps(cp);
    if (astral.size < 10_000) astral.set(cp, p);
  }
  return p;
}

/**
 * Cuts a text into graphemes, what a reader takes for one character and a line must never split,
 * calling `each(start, end, propsOfFirst, width)`: CR LF; a flag (two regional indicators); any
 * character with the combining marks, variation selectors, emoji skin tones, Hangul vowels and
 * finals, and zero-width-joined characters after it. This is the part of Unicode's grapheme rules
 * (UAX #29) these texts need. Its width is its widest code point's: an accented letter takes one
 * column, a Hangul syllable spelled in jamo two, an emoji with its variation selector two.
 *
 * Not Intl.Segmenter: V8 copies the whole input into every segment it returns, which is
 * quadratic (a 200 KB paragraph exhausts the heap), and this breaks alike in every browser.
 */
function graphemes(text: string, each: (start: number, end: number, first: number, width: number) => void): void {
  const len = text.length;
  let i = 0;
  while (i < len) {
    const start = i;
    const cp = text.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    const first = props(cp);
    let width = first & WIDTH_MASK;
    if (cp === 0x0d && text.charCodeAt(i) === 0x0a) i++;
    else if (first & REGIONAL && i < len && props(text.codePointAt(i) as number) & REGIONAL) i += 2;
    else {
      while (i < len) {
        const next = text.codePointAt(i) as number;
        const p = props(next);
        if (p & ZWJ) {
          i++;
          if (i < len) {
            const joined = text.codePointAt(i) as number;
            width = Math.max(width, props(joined) & WIDTH_MASK);
            i += joined > 0xffff ? 2 : 1;
          }
        } else if (p & EXTEND) {
          width = Math.max(width, p & WIDTH_MASK);
          i += next > 0xffff ? 2 : 1;
        } else break;
      }
    }
    each(start, i, first, width);
  }
}

/** The columns a text takes on one line. */
export function textWidth(text: string): number {
  let w = 0;
  graphemes(text, (_s, _e, _p, width) => (w += width));
  return w;
}

/** What a grapheme is to the line breaker. */
const OTHER = 0;
const SPACE_KIND = 1;
const NEWLINE_KIND = 2;
type Kind = typeof OTHER | typeof SPACE_KIND | typeof NEWLINE_KIND;

interface Units {
  start: Int32Array;
  end: Int32Array;
  width: Int32Array;
  kind: Uint8Array;
  /** May a line break before this unit, given the last non-space unit before it (no space between or spaces)? */
  canBreakBefore: Uint8Array;
  /** May a line break here when no ordinary opportunity is left (inside a word)? Honours kinsoku. */
  softSafe: Uint8Array;
  /** The last non-space unit before this one on the same hard line, or -1. */
  prev: Int32Array;
  count: number;
}

/**
 * Splits a text into graphemes and decides, once, where a line may break:
 *
 * - after a run of spaces (Latin words, Korean eojeol);
 * - between two graphemes without a space when either is a Han, kana, fullwidth or other wide
 *   character, except inside a word that holds Hangul: Korean is written with spaces, and an
 *   eojeol (韓國의, APEC에서) breaks only when it alone is longer than a line;
 * - after a zero-width space;
 * - never before a NO_START character nor after a NO_END one, spaces or not, and never next to a
 *   no-break space.
 */
function analyse(text: string): Units {
  const n = text.length; // an upper bound on the graphemes
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const width = new Int32Array(n);
  const kind = new Uint8Array(n);
  const flags = new Uint16Array(n);
  let count = 0;
  graphemes(text, (s, e, p, w) => {
    start[count] = s;
    end[count] = e;
    // A space with a mark on it is something to see, not a space (every space is one code unit).
    const k = p & NEWLINE ? NEWLINE_KIND : p & SPACE && e - s === 1 ? SPACE_KIND : OTHER;
    kind[count] = k;
    width[count] = k === NEWLINE_KIND ? 0 : w;
    flags[count] = p;
    count++;
  });
  const canBreakBefore = new Uint8Array(count);
  const softSafe = new Uint8Array(count);
  const prev = new Int32Array(count);
  const cjk = (i: number) => width[i] === 2 && !((flags[i] as number) & HANGUL);
  let last = -1; // the last non-space unit since the last newline
  for (let i = 0; i < count; i++) {
    const k = kind[i] as Kind;
    prev[i] = last;
    if (k === NEWLINE_KIND) {
      last = -1;
      continue;
    }
    if (k === SPACE_KIND) continue;
    if (last >= 0) {
      const a = flags[last] as number;
      const b = flags[i] as number;
      const kinsoku = !(b & NO_START_BIT) && !(a & NO_END_BIT);
      const spaced = last < i - 1;
      const between = spaced || a & ZWSP || ((cjk(last) || cjk(i)) && !(a & HANGUL) && !(b & HANGUL));
      const glued = (a | b) & GLUE_BIT;
      canBreakBefore[i] = kinsoku && between && !glued ? 1 : 0;
      softSafe[i] = kinsoku ? 1 : 0;
    }
    last = i;
  }
  // A word (a run without spaces) that holds Hangul is a Korean eojeol, even where it has Han
  // characters or Latin letters in it (韓國의, APEC에서): no ordinary break inside.
  for (let i = 0; i < count; ) {
    if (kind[i] !== OTHER) {
      i++;
      continue;
    }
    let j = i;
    let korean = false;
    for (; j < count && kind[j] === OTHER; j++) if ((flags[j] as number) & HANGUL) korean = true;
    if (korean) for (let x = i + 1; x < j; x++) if (!((flags[x - 1] as number) & ZWSP)) canBreakBefore[x] = 0;
    i = j;
  }
  return { start, end, width, kind, canBreakBefore, softSafe, prev, count };
}

// ---------------------------------------------------------------------------------------------
// Breaking

/**
 * Breaks one paragraph into lines of at most `width` columns (East Asian wide characters take
 * two, combining marks none). Greedy, like a word processor: each line takes as much as fits and
 * ends at the last break opportunity (see `analyse`); a word or eojeol that does not fit moves to
 * the next line whole. Only a unit longer than a whole line (a long URL, an eojeol wider than the
 * line, a run of CJK text glued by kinsoku) is split inside, at a grapheme boundary, still
 * avoiding a line that starts with a closing mark or ends with an opening one where any other
 * point will do (a no-break space binds only until its words are longer than a line). So no
 * line is wider than `width` unless it holds a single grapheme that is.
 *
 * Because a character that may not start a line has no break before it, it takes the character
 * before it along to the next line (追い出し, push-out) rather than hanging past the margin: the
 * width is a hard limit, which line numbers need.
 *
 * Whitespace: the spaces where a line breaks belong to no line (they fall between `end` of one
 * line and `start` of the next, and take no room, as in CSS); spaces at the start of the
 * paragraph or after a newline are indentation and count; spaces at the very end stay on the last
 * line and are not counted. A newline (a hard break) always ends a line, and the spaces before it
 * fall into the gap. So the lines tile the text: the first starts at 0, the last ends at
 * `text.length`, and between two lines there is only whitespace.
 *
 * An empty text is one empty line: an empty paragraph still takes a line on the page.
 */
export function breakLines(text: string, width: number): Line[] {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`Line width must be a positive integer, not ${width}`);
  const u = analyse(text);
  const lines: Line[] = [];
  const push = (start: number, end: number) => lines.push({ start, end, text: text.slice(start, end) });
  /** Where the line ends when the next starts at unit k: after the last non-space unit before k. */
  const endBefore = (k: number) => u.end[u.prev[k] as number] as number;

  let ls = 0; // the unit that starts the current line
  let lineStart = 0; // its offset
  let used = 0; // columns taken by units ls..k-1
  let lastBreak = -1; // the last unit after ls before which the line may break
  let contentFrom = -1; // the first non-space unit of the line, or -1
  for (let k = 0; k < u.count; k++) {
    const kind = u.kind[k] as Kind;
    if (kind === NEWLINE_KIND) {
      const prev = u.prev[k] as number;
      push(lineStart, prev >= ls ? (u.end[prev] as number) : lineStart);
      ls = k + 1;
      lineStart = u.end[k] as number;
      used = 0;
      lastBreak = -1;
      contentFrom = -1;
      continue;
    }
    const w = u.width[k] as number;
    if (kind === SPACE_KIND) {
      used += w;
      continue;
    }
    if (u.canBreakBefore[k]) lastBreak = k; // at k === ls, the break that began this line: not one to take
    if (used + w > width && contentFrom >= 0) {
      let at: number;
      if (lastBreak > ls) at = lastBreak;
      else {
        // Nothing to break at: split the unit, as late as fits, at a point kinsoku allows if any.
        at = k;
        for (let j = k; j > contentFrom; j--) {
          if (u.kind[j] === OTHER && u.softSafe[j]) {
            at = j;
            break;
          }
        }
      }
      push(lineStart, endBefore(at));
      ls = at;
      lineStart = u.start[at] as number;
      used = 0;
      lastBreak = -1;
      contentFrom = -1;
      k = at - 1; // lay out again from the new line's start
      continue;
    }
    if (contentFrom < 0) contentFrom = k;
    used += w;
  }
  push(lineStart, text.length);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Numbering

/** The width, in columns, at which drafts are broken into numbered lines (a CJK wide character takes two). */
export const DRAFT_LINE_WIDTH = 60;

/** A paragraph's place in the numbering. */
export interface NumberedParagraph {
  /** The number of the paragraph's first line. */
  firstLine: number;
  lineCount: number;
  lines: Line[];
}

/**
 * Numbers the lines of a text continuously across its paragraphs, as amendments cite them
 * ("paragraph 3, lines 12-14"): each paragraph's first line follows the last line of the one
 * before. An empty paragraph takes one line, as it does on the page.
 */
export function numberLines(paragraphs: readonly string[], width: number, firstLine = 1): NumberedParagraph[] {
  let next = firstLine;
  return paragraphs.map((p) => {
    const lines = breakLines(p, width);
    const numbered = { firstLine: next, lineCount: lines.length, lines };
    next += lines.length;
    return numbered;
  });
}

/**
 * The index (0-based) of the line of a paragraph on which an offset into its text falls: the last
 * line that starts at or before it. An offset in the whitespace of a break belongs to the line
 * before (a caret after the line's last word); `text.length` to the last line. Add the
 * paragraph's `firstLine` for the line's number.
 */
export function lineAt(paragraphLines: readonly Line[], offset: number): number {
  const last = paragraphLines[paragraphLines.length - 1];
  if (!last || !Number.isInteger(offset) || offset < (paragraphLines[0] as Line).start || offset > last.end) {
    throw new RangeError(`Offset ${offset} is outside the paragraph`);
  }
  let lo = 0;
  let hi = paragraphLines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((paragraphLines[mid] as Line).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
