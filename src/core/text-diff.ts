/*
 * What changed between two versions of a text (issue #5, part 3), shown the way a reader of an
 * amendment wants it: whole words in English, single characters in Chinese, Japanese and Korean,
 * where one character can be a word and a changed particle or ending (협력을 → 협력에) is the
 * change. Isomorphic and pure; the server and the editor diff alike.
 */

export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

/** How far a diff may go before it gives up and shows a plain replacement (see `diffText`). */
export interface DiffLimits {
  /**
   * The largest number of tokens inserted plus deleted that the diff still works out in detail.
   * Beyond it two texts share too little for a word-by-word diff to help a reader, and its cost
   * (time O((N+M)·D), memory O(D²)) would grow.
   */
  maxEdits?: number;
  /** A bound on the comparisons one diff may make, whatever the edits: the guarantee of speed. */
  maxWork?: number;
}

/** 1000 edits: a paragraph rewritten beyond that reads better as old text struck out, new text in. */
export const DEFAULT_MAX_EDITS = 1000;
/** Twenty million steps of Myers' inner loop: some tens of milliseconds, whatever the input. */
export const DEFAULT_MAX_WORK = 20_000_000;

// ---------------------------------------------------------------------------------------------
// Tokens

/**
 * The tokens a diff compares, in order:
 * - one Han, kana or Hangul character (with any combining marks or variation selector after it):
 *   the scripts written without spaces between words, or, in Korean, with particles and endings
 *   joined to the word, are compared character by character;
 * - a word of any other script: letters, digits and marks, with apostrophes inside ("don't");
 * - a run of whitespace;
 * - any other single character (punctuation, symbols), with the marks that follow it.
 */
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3006\u3007\u30fc\uff70`;
const MARKS = String.raw`(?:\p{M}|\u200d|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}])*`;
const WORD_CHAR = String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}_])`;
const TOKEN = new RegExp(String.raw`[${CJK}]${MARKS}|${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*|\s+|[^]${MARKS}`, 'gu');

/** The text cut into tokens; their concatenation is the text. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Myers' O(ND) difference algorithm

/**
 * A run of `n` tokens equal in both lists, deleted from the first or inserted from the second;
 * `a` and `b` are where it starts in each (for an insertion, `a` is where in the first it goes).
 */
export type TokenRun = { op: DiffOp['op']; a: number; b: number; n: number };
type Edit = TokenRun;

/**
 * Myers' greedy algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) on arrays
 * of token ids: the shortest edit script, as runs of equal, deleted and inserted tokens. Keeps
 * each round's furthest points (O(D²) memory, bounded by `maxEdits`) to walk the path back.
 * Returns null when the script would exceed `maxEdits` or the work `maxWork`.
 */
function myers(a: Int32Array, b: Int32Array, maxEdits: number, maxWork: number): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.max(0, Math.min(maxEdits, n + m));
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let work = 0;
  let found = -1;
  outer: for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      const x0 = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      work += x - x0 + 1;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        trace.push(v.slice(offset - d, offset + d + 1));
        break outer;
      }
    }
    if (work > maxWork) return null;
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return null;

  // Walk back from (n, m): each round d came from round d-1 by one insertion or deletion and a snake.
  const edits: Edit[] = [];
  const add = (op: Edit['op'], x: number, y: number, len: number) => {
    if (len <= 0) return;
    const last = edits[edits.length - 1];
    if (last && last.op === op && last.a === x + (op === 'insert' ? 0 : len) && last.b === y + (op === 'delete' ? 0 : len)) {
      last.a = x;
      last.b = y;
      last.n += len;
    } else edits.push({ op, a: x, b: y, n: len });
  };
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array; // indices -(d-1)..(d-1) at 0..2d-2
    const at = (k: number) => prev[k + d - 1] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    const startY = startX - k;
    add('equal', startX, startY, x - startX);
    if (down) add('insert', prevX, prevY, 1);
    else add('delete', prevX, prevY, 1);
    x = prevX;
    y = prevY;
  }
  add('equal', 0, 0, x);
  return edits.reverse();
}

/** Interns two token lists as ids so that the diff compares numbers. */
function intern(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const id = (t: string) => {
    let i = ids.get(t);
    if (i === undefined) ids.set(t, (i = ids.size));
    return i;
  };
  return [Int32Array.from(a, id), Int32Array.from(b, id)];
}

/** How many items two lists share at their start, and then at their end. */
function commonEnds(a: readonly string[], b: readonly string[]): [number, number] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  return [pre, suf];
}

/**
 * The shortest edit script between two lists of tokens (or any strings: `diffParagraphs` uses it
 * on whole paragraphs), as runs in order: after removing the common start and end (cheap, and
 * most of a long text), Myers on the rest. Null when the limits are hit (see `DiffLimits`).
 */
export function diffTokens(a: readonly string[], b: readonly string[], limits: DiffLimits = {}): TokenRun[] | null {
  const [pre, suf] = commonEnds(a, b);
  const [ia, ib] = intern(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf));
  const middle = myers(ia, ib, limits.maxEdits ?? DEFAULT_MAX_EDITS, limits.maxWork ?? DEFAULT_MAX_WORK);
  if (!middle) return null;
  const edits: Edit[] = [];
  if (pre) edits.push({ op: 'equal', a: 0, b: 0, n: pre });
  for (const e of middle) edits.push({ ...e, a: e.a + pre, b: e.b + pre });
  if (suf) edits.push({ op: 'equal', a: a.length - suf, b: b.length - suf, n: suf });
  return edits;
}

// ---------------------------------------------------------------------------------------------
// Making it readable

/** An equal stretch, or a change: what was deleted and what was inserted in its place. */
type Piece = { eq: string } | { del: string; ins: string };

const size = (p: { del: string; ins: string }) => Math.max(p.del.length, p.ins.length);

/**
 * Removes equalities that only chop a change into confusing pieces. An equal stretch between two
 * changes that is no longer than either of them (diff-match-patch's semantic rule, in UTF-16
 * units) is folded into one change: "quick brown" → "slow red" reads as one replacement rather
 * than two words changed around a space that stayed, and 协调合作 → 协商合并 as one phrase replaced
 * rather than 调→商 and 作→并 around an unchanged 合. Longer equalities stay, so a sentence with
 * two words changed far apart shows two changes.
 *
 * Latin words need no such care: they are tokens, so a changed word is always deleted and
 * inserted whole ("analyse" → "analyze", never "analy[s→z]e").
 *
 * Works as a stack, so that a change that grows by folding may fold the equality before it too.
 */
function cleanup(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    if ('eq' in piece ? !piece.eq : !piece.del && !piece.ins) continue;
    const top = out[out.length - 1];
    if (top && 'eq' in top && 'eq' in piece) top.eq += piece.eq;
    else if (top && 'del' in top && 'del' in piece) {
      top.del += piece.del;
      top.ins += piece.ins;
    } else out.push({ ...piece });
    for (;;) {
      const right = out[out.length - 1];
      const middle = out[out.length - 2];
      const left = out[out.length - 3];
      if (!right || !middle || !left || !('del' in right) || !('eq' in middle) || !('del' in left)) break;
      if (middle.eq.length > size(left) || middle.eq.length > size(right)) break;
      out.length -= 3;
      const merged = { del: left.del + middle.eq + right.del, ins: left.ins + middle.eq + right.ins };
      const before = out[out.length - 1];
      if (before && 'del' in before) {
        before.del += merged.del;
        before.ins += merged.ins;
      } else out.push(merged);
    }
  }
  return out;
}

function toOps(pieces: Piece[]): DiffOp[] {
  const ops: DiffOp[] = [];
  for (const p of pieces) {
    if ('eq' in p) ops.push({ op: 'equal', text: p.eq });
    else {
      if (p.del) ops.push({ op: 'delete', text: p.del });
      if (p.ins) ops.push({ op: 'insert', text: p.ins });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// The API

/**
 * The difference between two versions of a text, as equal, deleted and inserted stretches in
 * order: the equal and deleted texts concatenate to `a`, the equal and inserted ones to `b`.
 * Within a change the deletion comes first; no two neighbouring ops are of one kind and none is
 * empty; two equal texts give one equal op (none when both are empty).
 *
 * Words of Latin (and other spaced) scripts are compared whole, Han, kana and Hangul character by
 * character (see `tokenize`); the shortest edit script over these tokens (Myers) is then made
 * readable (see `cleanup`).
 *
 * Limits: when the texts differ by more than `maxEdits` tokens, or working it out would take more
 * than `maxWork` steps, the part between their common start and end is shown as one deletion and
 * one insertion. For whole documents use `diffParagraphs`, which diffs paragraph by paragraph.
 */
export function diffText(a: string, b: string, limits: DiffLimits = {}): DiffOp[] {
  if (a === b) return a ? [{ op: 'equal', text: a }] : [];
  const ta = tokenize(a);
  const tb = tokenize(b);
  const edits = diffTokens(ta, tb, limits);
  let pieces: Piece[];
  if (edits) {
    pieces = edits.map((e) =>
      e.op === 'equal' ? { eq: ta.slice(e.a, e.a + e.n).join('') } : e.op === 'delete' ? { del: ta.slice(e.a, e.a + e.n).join(''), ins: '' } : { del: '', ins: tb.slice(e.b, e.b + e.n).join('') },
    );
  } else {
    // Too different, or too costly: keep the common start and end, replace the rest.
    const [pre, suf] = commonEnds(ta, tb);
    pieces = [{ eq: ta.slice(0, pre).join('') }, { del: ta.slice(pre, ta.length - suf).join(''), ins: tb.slice(pre, tb.length - suf).join('') }, { eq: ta.slice(ta.length - suf).join('') }];
  }
  return toOps(cleanup(pieces));
}

/** One paragraph of the result of `diffParagraphs`; `a` and `b` are indices into the two lists. */
export type ParagraphDiff =
  | { op: 'equal'; a: number; b: number; text: string }
  | { op: 'change'; a: number; b: number; diff: DiffOp[] }
  | { op: 'delete'; a: number; text: string }
  | { op: 'insert'; b: number; text: string };

/** A paragraph's non-space tokens, counted: what `similarity` compares. */
type Bag = { counts: Map<string, number>; total: number };
function bag(text: string): Bag {
  const counts = new Map<string, number>();
  let total = 0;
  for (const t of tokenize(text)) {
    if (/^\s/.test(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}
function bagSimilarity(a: Bag, b: Bag): number {
  if (!a.total && !b.total) return 1;
  let common = 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  for (const [t, c] of small.counts) common += Math.min(c, large.counts.get(t) ?? 0);
  return (2 * common) / (a.total + b.total);
}

/**
 * How alike two paragraphs are, 0 to 1: the share of their non-space tokens they have in common
 * (Dice's coefficient over token multisets). Order does not count; it only decides whether a
 * deleted and an inserted paragraph are one paragraph changed.
 */
export const similarity = (a: string, b: string): number => bagSimilarity(bag(a), bag(b));

/** Paragraphs at least this alike are shown as one paragraph changed, not one deleted and one inserted. */
export const PARAGRAPH_MATCH = 0.5;
/** Beyond this many deleted × inserted paragraphs in one place, they are paired in order only. */
const PAIRING_CELLS = 10_000;

/**
 * Pairs the deleted paragraphs `a[0..]` with the inserted `b[0..]` of one place where they are
 * alike: in order (no crossing), as many and as alike as possible (a weighted LCS over the
 * similarity matrix). Large blocks are paired position by position.
 */
function pairUp(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return [];
  const ba = a.map(bag);
  const bb = b.map(bag);
  const sim = (i: number, j: number) => {
    const s = bagSimilarity(ba[i] as Bag, bb[j] as Bag);
    return s >= PARAGRAPH_MATCH ? s : 0;
  };
  if (n * m > PAIRING_CELLS) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < Math.min(n, m); i++) if (sim(i, i) > 0) pairs.push([i, i]);
    return pairs;
  }
  // best[i][j]: the best total for a[i..], b[j..].
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const s = Array.from({ length: n }, (_, i) => Float64Array.from({ length: m }, (_, j) => sim(i, j)));
  for (let i = n - 1; i >= 0; i--) {
    const row = best[i] as Float64Array;
    const below = best[i + 1] as Float64Array;
    for (let j = m - 1; j >= 0; j--) {
      const here = (s[i] as Float64Array)[j] as number;
      row[j] = Math.max(below[j] as number, row[j + 1] as number, here > 0 ? here + (below[j + 1] as number) : 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const here = (s[i] as Float64Array)[j] as number;
    const total = (best[i] as Float64Array)[j] as number;
    if (here > 0 && total === here + ((best[i + 1] as Float64Array)[j + 1] as number)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (total === ((best[i + 1] as Float64Array)[j] as number)) i++;
    else j++;
  }
  return pairs;
}

/**
 * The difference between two versions of a document given as paragraphs: paragraphs kept as they
 * were, deleted, inserted, or changed (a deleted and an inserted paragraph at least
 * `PARAGRAPH_MATCH` alike, diffed inside with `diffText`). In document order: for each place,
 * deletions before insertions.
 *
 * Paragraphs are aligned first (Myers over whole paragraphs), so a long document costs about its
 * paragraphs plus the changed ones, and each changed paragraph is diffed on its own under the
 * limits of `diffText` (a paragraph rewritten beyond them is shown replaced). When the paragraphs
 * themselves differ beyond the limits (most of a long document rewritten, reordered), the
 * differing middle is paired in order.
 */
export function diffParagraphs(aParas: readonly string[], bParas: readonly string[], limits: DiffLimits = {}): ParagraphDiff[] {
  const edits = diffTokens(aParas, bParas, limits) ?? fallbackEdits(aParas, bParas);
  const out: ParagraphDiff[] = [];
  let dels: number[] = [];
  let inss: number[] = [];
  const flush = () => {
    const pairs = pairUp(
      dels.map((i) => aParas[i] as string),
      inss.map((j) => bParas[j] as string),
    );
    let di = 0;
    let ij = 0;
    const emitUntil = (dEnd: number, iEnd: number) => {
      for (; di < dEnd; di++) out.push({ op: 'delete', a: dels[di] as number, text: aParas[dels[di] as number] as string });
      for (; ij < iEnd; ij++) out.push({ op: 'insert', b: inss[ij] as number, text: bParas[inss[ij] as number] as string });
    };
    for (const [pd, pi] of pairs) {
      emitUntil(pd, pi);
      const a = dels[pd] as number;
      const b = inss[pi] as number;
      out.push({ op: 'change', a, b, diff: diffText(aParas[a] as string, bParas[b] as string, limits) });
      di = pd + 1;
      ij = pi + 1;
    }
    emitUntil(dels.length, inss.length);
    dels = [];
    inss = [];
  };
  for (const e of edits) {
    for (let t = 0; t < e.n; t++) {
      if (e.op === 'equal') {
        flush();
        out.push({ op: 'equal', a: e.a + t, b: e.b + t, text: aParas[e.a + t] as string });
      } else if (e.op === 'delete') dels.push(e.a + t);
      else inss.push(e.b + t);
    }
  }
  flush();
  return out;
}

/** When the paragraphs differ beyond the limits: the common start and end kept, the middle replaced. */
function fallbackEdits(a: readonly string[], b: readonly string[]): Edit[] {
  const [pre, suf] = commonEnds(a, b);
  return [
    { op: 'equal' as const, a: 0, b: 0, n: pre },
    { op: 'delete' as const, a: pre, b: pre, n: a.length - pre - suf },
    { op: 'insert' as const, a: a.length - suf, b: pre, n: b.length - pre - suf },
    { op: 'equal' as const, a: a.length - suf, b: b.length - suf, n: suf },
  ].filter((e) => e.n > 0);
}
