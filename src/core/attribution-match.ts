import { charAt, charBefore, classOf, foldForMatching, HAN, isSpace, type CharClass, type Indexed } from './attribution-fold';

/*
 * How one term is looked for in a folded text (see `./attribution-fold`): its pattern, where
 * it occurs, and what must stand around it for it to count (a title, initials, a word boundary).
 */

const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}/u;

/**
 * A term as the check looks for it: its skeleton, and what may stand between its parts in the
 * text. Letters of space-separated scripts form words; each Han, Hangul or kana character stands
 * alone. Where the term separates words ('Jae-seok', 'CSCAP-Korea'), the text may have up to
 * three spaces or punctuation marks, or none ('Jae seok', 'Jaeseok', 'CSCAP Korea'); between CJK
 * characters, one space or none.
 */
export interface Pattern {
  skeleton: string;
  /** Skeleton offsets where a part begins: 'loose' after a separator, 'tight' between CJK characters. */
  joints: Map<number, 'loose' | 'tight'>;
  /** Starts or ends with a letter of a space-separated script: needs a word boundary there. */
  wordStart: boolean;
  wordEnd: boolean;
  /** Long enough to stand on its own rather than be an ordinary word or syllable. */
  distinctive: boolean;
}

export function pattern(text: string): Pattern | null {
  let skeleton = '';
  const joints = new Map<number, 'loose' | 'tight'>();
  let sep = false;
  let first: CharClass = 0;
  let prev: CharClass = 0;
  let latin = 0;
  let han = 0;
  let phonetic = 0;
  for (const c of foldForMatching(text)) {
    const cls = classOf(c);
    if (cls === 0) {
      sep = skeleton.length > 0;
      continue;
    }
    if (skeleton) {
      if (sep) joints.set(skeleton.length, 'loose');
      else if (cls === 2 || prev === 2) joints.set(skeleton.length, 'tight');
    } else first = cls;
    skeleton += c;
    sep = false;
    prev = cls;
    if (cls === 1) latin += LETTER.test(c) ? 1 : 0;
    else if (HAN.test(c)) han += 1;
    else phonetic += 1;
  }
  if (!skeleton) return null;
  return { skeleton, joints, wordStart: first === 1, wordEnd: prev === 1, distinctive: latin >= 3 || han >= 2 || han + phonetic >= 3 };
}

/** Where the pattern occurs in the text: [start, end) in folded units. */
export function occurrences(ix: Indexed, p: Pattern): [number, number][] {
  const out: [number, number][] = [];
  const len = p.skeleton.length;
  for (let at = ix.skeleton.indexOf(p.skeleton); at >= 0; at = ix.skeleton.indexOf(p.skeleton, at + 1)) {
    let fits = true;
    for (let k = 1; k < len && fits; k++) {
      const gapStart = (ix.skel[at + k - 1] as number) + 1;
      const gap = (ix.skel[at + k] as number) - gapStart;
      const joint = p.joints.get(k);
      fits = joint === 'loose' ? gap <= 3 : joint === 'tight' ? gap === 0 || (gap === 1 && isSpace(ix.folded[gapStart])) : gap === 0;
    }
    if (!fits) continue;
    const start = ix.skel[at] as number;
    const end = (ix.skel[at + len - 1] as number) + 1;
    if (p.wordStart && classOf(charBefore(ix.folded, start)) === 1) continue;
    if (p.wordEnd && classOf(charAt(ix.folded, end)) === 1) continue;
    out.push([start, end]);
  }
  return out;
}

/** What a match of a term needs around it, beyond the term itself. */
export type Qualifier =
  /** A personal title before it ('Dr. Yoon'): `titles` is LATIN_TITLES. */
  | { title: 'before'; titles: readonly string[] }
  /** A CJK title after it, with one space or none ('윤교수', '森下さん', '王 先生'). */
  | { title: 'after'; titles: readonly string[]; space: boolean }
  /**
   * Initials before it ('J. R. Ashby', 'JR Ashby') or after it ('Ashby, J.', 'Yoon J.S.'), the
   * first of them `letter`, upper case as written; `dotted` for a short family name, which
   * needs a full stop ('K. Li', not 'KR Li').
   */
  | { initials: string; dotted: boolean };

const titleBeforeCache = new Map<readonly string[], RegExp>();
/** Where a Latin title right before `start` begins, or -1. */
function titleBefore(folded: string, start: number, titles: readonly string[]): number {
  let re = titleBeforeCache.get(titles);
  if (!re) titleBeforeCache.set(titles, (re = new RegExp(`(?:${titles.join('|')})(?:\\.\\s{0,2}|\\s{1,3})$`)));
  const from = Math.max(0, start - 16);
  const m = re.exec(folded.slice(from, start));
  if (!m) return -1;
  const at = from + m.index;
  // The title must begin a word: 'terms Ashby' is not 'Ms Ashby'.
  return classOf(charBefore(folded, at)) === 1 ? -1 : at;
}

/** Where a CJK title right after `end` ends, or -1. */
function titleAfter(folded: string, end: number, titles: readonly string[], space: boolean): number {
  const at = space && isSpace(folded[end]) ? end + 1 : end;
  const title = titles.find((t) => folded.startsWith(t, at));
  return title ? at + title.length : -1;
}

const INITIALS_BEFORE = /(?:^|[^\p{L}\p{N}])((?:\p{L}(?:\.\s{0,2}-?|-|(?=\p{L}))){0,2}\p{L}(?:\.\s{0,2}|\s{1,2}))$/u;
const INITIALS_AFTER = /^(?:,\s{0,2}|\s{1,2})((?:\p{L}(?:\.\s?-?|-)?){1,3})(?![\p{L}\p{N}])/u;

/** The letters of `folded[from, to)` are capitals in the original text (initials, not 'an' or 'is'). */
function capitals(ix: Indexed, from: number, to: number): boolean {
  for (let u = from; u < to; u++) {
    if (classOf(ix.folded[u]) !== 1) continue;
    if (!UPPER.test(ix.text.slice(ix.startOf[u], ix.endOf[u]))) return false;
  }
  return true;
}

/** Initials before [start, …) or after […, end) whose first is `letter`: the widened match, or null. */
function initialsAround(ix: Indexed, start: number, end: number, letter: string, dotted: boolean): [number, number] | null {
  const from = Math.max(0, start - 16);
  const before = INITIALS_BEFORE.exec(ix.folded.slice(from, start));
  if (before) {
    const group = before[1] as string;
    const at = start - group.length;
    if (ix.folded[at] === letter && (!dotted || group.includes('.')) && capitals(ix, at, start)) return [at, end];
  }
  const after = INITIALS_AFTER.exec(ix.folded.slice(end, end + 16));
  if (after) {
    const group = (after[1] as string).replace(/\s+$/, '');
    const at = end + after[0].length - (after[1] as string).length;
    const letters = group.replace(/[^\p{L}]/gu, '');
    // After the name, an initial needs its full stop or a second one ('Ashby, J.', 'Yoon JS'): 'Ashby, I think' is no initial.
    if (group[0] === letter && (group.includes('.') || (!dotted && letters.length >= 2)) && capitals(ix, at, at + group.length)) return [start, at + group.length];
  }
  return null;
}

/** The match widened to its qualifier ([from, to) in folded units), or null when the qualifier is not there. */
export function qualify(ix: Indexed, start: number, end: number, q: Qualifier | undefined): [number, number] | null {
  if (!q) return [start, end];
  if ('initials' in q) return initialsAround(ix, start, end, q.initials, q.dotted);
  if (q.title === 'before') {
    const at = titleBefore(ix.folded, start, q.titles);
    return at < 0 ? null : [at, end];
  }
  const to = titleAfter(ix.folded, end, q.titles, q.space);
  return to < 0 ? null : [start, to];
}

/** The match begins with a capital in the original text ('Harriet', not 'harriet'; 'Grace' at a sentence's start still does). */
export const capitalized = (ix: Indexed, start: number) => UPPER.test(ix.text.slice(ix.startOf[start], ix.endOf[start]));

/** The match begins a word of Hangul ('재석은'), not the middle of one ('부재석'). */
export const startsWord = (ix: Indexed, start: number) => classOf(charBefore(ix.folded, start)) !== 2;

/** Folded English words that stand right before the match ('north' before 'korean delegation'). */
export function wordBefore(ix: Indexed, start: number, words: readonly string[]): boolean {
  const head = ix.folded.slice(Math.max(0, start - 24), start).replace(/[^\p{L}\p{N}]+$/u, '');
  return words.some((w) => head.endsWith(w) && classOf(charBefore(head, head.length - w.length)) !== 1);
}

export const followedBy = (ix: Indexed, end: number, chars: readonly string[]) => chars.some((c) => ix.folded.startsWith(c, end));

