import { z } from 'zod';
import { ZAttributionRule, type AttributionRule } from './meetings';
import { ZPersonNames, type PersonNames } from './people';
import { charAt, charBefore, classOf, foldForMatching, HAN, HANGUL, index, isSpace, type CharClass, type Indexed } from './attribution-fold';
import { blockTexts, type BlockNode, type InlineNode, type RichText } from './rich-text';

export { foldForMatching };

/*
 * The attribution check (issue #4, part 6; issue #9, part 3): the one matcher that keeps names
 * and affiliations out of anything written under the Chatham House Rule that leaves the room.
 * Isomorphic: the server refuses to circulate a report the check flags, and the web editor runs
 * the same function to show the same findings while the rapporteur types.
 */

/** Someone whose identity or affiliation a report under the Chatham House Rule must not reveal. */
export interface AttributionPerson {
  /** The account; null for a guest speaker known only by the text of the timetable. */
  id: string | null;
  displayName: string;
  names?: PersonNames | undefined;
  affiliation?: string | null | undefined;
  /** The member committees the person belongs to or sits for (their delegation). */
  committees?: { code: string; name: string }[] | undefined;
}

export const ATTRIBUTION_SOURCES = ['display_name', 'latin', 'hangul', 'hanzi', 'kanji', 'affiliation', 'committee_name', 'committee_code'] as const;
export type AttributionSource = (typeof ATTRIBUTION_SOURCES)[number];

export const ZAttributionFinding = z.object({
  kind: z.enum(['name', 'affiliation', 'committee']),
  /** Which of the person's records matched: a script of the name, the affiliation, a committee. */
  source: z.enum(ATTRIBUTION_SOURCES),
  /** The record as stored: 'Yoon Jae-seok', '윤재석', 'CSCAP-Korea'. */
  term: z.string(),
  /** Whose it is; several people when they share it (an affiliation, a committee). */
  people: z.array(z.object({ id: z.string().nullable(), displayName: z.string() })),
  /** The top-level block of the report (0-based), as `blockTexts` numbers them. */
  block: z.number().int(),
  /** In the block's text, or in the address of a link in it. */
  in: z.enum(['text', 'link']),
  /** Offsets of the match in the block's text (or the link's address), UTF-16 units. */
  start: z.number().int(),
  end: z.number().int(),
  match: z.string(),
  /** Up to 40 characters either side of the match, to show where it is. */
  before: z.string(),
  after: z.string(),
});
export type AttributionFinding = z.infer<typeof ZAttributionFinding>;

export const ZAttributionCheck = z.object({
  rule: ZAttributionRule,
  /** True when nothing was found: the report may leave the group. */
  ok: z.boolean(),
  findings: z.array(ZAttributionFinding),
});
export type AttributionCheck = z.infer<typeof ZAttributionCheck>;

const CONTEXT = 40;

const LETTER = /^\p{L}$/u;

/**
 * A term as the check looks for it: its skeleton, and what may stand between its parts in the
 * text. Letters of space-separated scripts form words; each Han, Hangul or kana character stands
 * alone. Where the term separates words ('Jae-seok', 'CSCAP-Korea'), the text may have up to
 * three spaces or punctuation marks, or none ('Jae seok', 'Jaeseok', 'CSCAP Korea'); between CJK
 * characters, one space or none.
 */
interface Pattern {
  skeleton: string;
  /** Skeleton offsets where a part begins: 'loose' after a separator, 'tight' between CJK characters. */
  joints: Map<number, 'loose' | 'tight'>;
  /** Starts or ends with a letter of a space-separated script: needs a word boundary there. */
  wordStart: boolean;
  wordEnd: boolean;
  /** Long enough to stand on its own rather than be an ordinary word or syllable. */
  distinctive: boolean;
}

function pattern(text: string): Pattern | null {
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
function occurrences(ix: Indexed, p: Pattern): [number, number][] {
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

/**
 * Titles that, written before a name ('Dr. Li', 'Mr Yoon') or after it ('윤교수', '王先生',
 * '森下さん'), point at one person: with them even a short name or a surname alone is a finding.
 * Only personal and academic titles: 'President Moon' or 'Minister Wang' is how a report
 * discusses public figures, not participants.
 */
export const LATIN_TITLES = ['dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'amb', 'ambassador', 'sir', 'dame', 'madam', 'madame', 'mme'] as const;
export const HANGUL_TITLES = ['교수', '박사', '대사', '선생', '님', '씨', '연구원', '연구위원'] as const;
export const HAN_TITLES = ['教授', '博士', '先生', '女士', '大使', '研究员', '研究員', '氏', 'さん', '様', 'さま'] as const;
const TITLE_BEFORE = new RegExp(`(?:${LATIN_TITLES.join('|')})(?:\\.\\s{0,2}|\\s{1,3})$`);

/** Where a Latin title right before `start` begins, or -1. */
function titleBefore(folded: string, start: number): number {
  const from = Math.max(0, start - 16);
  const m = TITLE_BEFORE.exec(folded.slice(from, start));
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

const FOLDED_HANGUL_TITLES = HANGUL_TITLES.map(foldForMatching);
const FOLDED_HAN_TITLES = HAN_TITLES.map(foldForMatching);

/** What `compileAttributionTerms` prepares for `findAttributions`. */
export interface CompiledTerm {
  kind: AttributionFinding['kind'];
  source: AttributionSource;
  term: string;
  person: AttributionPerson;
  pattern: Pattern;
  /** Found only with a title: a Latin one before, or a CJK one after (with one space or none). */
  title?: { before: true } | { after: readonly string[]; space: boolean };
  /** Codes match only as written (upper case): 'CAN' or 'AUS' in running text are words. */
  exact?: string;
}

/** Latin name variants: as stored, in the other order ('Jae-seok Yoon'), and first + last name. */
function latinVariants(name: string): string[] {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  const out = new Set([tokens.join(' ')]);
  if (tokens.length >= 2) {
    out.add([...tokens].reverse().join(' '));
    out.add([tokens[0], tokens[tokens.length - 1]].join(' '));
    out.add([tokens[tokens.length - 1], tokens[0]].join(' '));
  }
  return [...out];
}

/** The likely surname of a name in Hangul or Han characters, to be matched only before a title. */
function cjkSurnames(name: string, source: AttributionSource): string[] {
  const parts = name.trim().split(/[\s\u3000・·]+/).filter(Boolean);
  if (parts.length >= 2) return [parts[0] as string];
  const chars = [...name.trim()];
  if (chars.length < 2) return [];
  // Japanese surnames are mostly two characters; Korean and Chinese ones mostly one, and a
  // four-character name is often two and two.
  if (source === 'kanji') return chars.length >= 3 ? [chars.slice(0, 2).join('')] : [chars[0] as string];
  return chars.length >= 4 ? [chars.slice(0, 2).join('')] : [chars[0] as string];
}

const hasCjk = (s: string) => [...s].some((c) => classOf(c) === 2);

/** Affiliation variants: as stored; without a parenthetical ('(fictional)'); up to a comma; an acronym in parentheses. */
function affiliationVariants(affiliation: string): string[] {
  const out = new Set([affiliation.trim()]);
  const withoutParens = affiliation.replace(/\s*[(（][^)）]*[)）]\s*/g, ' ').trim();
  if (withoutParens) out.add(withoutParens);
  const beforeComma = withoutParens.split(/[,，、]/)[0]?.trim();
  if (beforeComma) out.add(beforeComma);
  for (const m of affiliation.matchAll(/[(（]\s*([A-Z][A-Z0-9&-]{2,})\s*[)）]/g)) out.add(m[1] as string);
  return [...out].filter(Boolean);
}

/**
 * Compiles what to look for, once per set of people (the editor compiles once and checks on
 * each change). For each person:
 * - every spelling of the name (display name, Latin, Hangul, Hanzi, Kanji), Latin ones also in
 *   the other order and as first + last name; the affiliation (also without a parenthetical
 *   remark, up to a comma, and an acronym given in parentheses); the names of their member
 *   committees; committee codes and acronyms of three letters or more, as written (upper case);
 * - Latin script matches whole words, ignoring case and accents, with any short punctuation or
 *   none between the name's words; Han, Hangul and kana match anywhere, as substrings;
 * - a spelling too short to tell from ordinary text — under three Latin letters ('Li', 'US',
 *   'KR'), a single Han character, or under three Hangul or kana syllables ('이상' is also 'more
 *   than') — is not a finding on its own, but is one after a personal title ('Dr. Li') or before
 *   one ('이상 박사', '李教授');
 * - a surname with a title is a finding ('Mr. Yoon', '윤교수', '王先生', '森下さん'); a surname
 *   alone is not: 'Kim', 'Lee', 'Park' or 'Moon' are also Kim Jong-un, the Moon administration,
 *   and a third of the region. A one-syllable Korean surname counts only written together with
 *   its title: '전 대사' is also 'the former ambassador', '이 교수' 'this professor'.
 */
export function compileAttributionTerms(people: readonly AttributionPerson[]): CompiledTerm[] {
  const terms: CompiledTerm[] = [];
  const add = (person: AttributionPerson, kind: CompiledTerm['kind'], source: AttributionSource, term: string, variant: string, opts: { exact?: boolean } = {}) => {
    const p = pattern(variant);
    if (p?.distinctive) terms.push({ kind, source, term, person, pattern: p, ...(opts.exact ? { exact: variant.normalize('NFKC') } : {}) });
  };
  const addTitled = (person: AttributionPerson, source: AttributionSource, term: string, base: string) => {
    const p = pattern(base);
    if (!p) return;
    if (!hasCjk(base)) {
      if ([...base].filter((c) => LETTER.test(c)).length >= 2) terms.push({ kind: 'name', source, term, person, pattern: p, title: { before: true } });
      return;
    }
    const hangul = HANGUL.test(base);
    terms.push({ kind: 'name', source, term, person, pattern: p, title: { after: hangul ? FOLDED_HANGUL_TITLES : FOLDED_HAN_TITLES, space: !(hangul && [...base].length === 1) } });
  };

  for (const person of people) {
    const spellings: [AttributionSource, string][] = [['display_name', person.displayName]];
    for (const script of ['latin', 'hangul', 'hanzi', 'kanji'] as const) {
      const n = person.names?.[script];
      if (n) spellings.push([script, n]);
    }
    const seen = new Set<string>();
    for (const [source, name] of spellings) {
      const key = pattern(name)?.skeleton;
      if (!key || seen.has(key)) continue;
      seen.add(key);
      if (hasCjk(name)) {
        add(person, 'name', source, name, name);
        const short = !pattern(name)?.distinctive;
        for (const base of new Set([...cjkSurnames(name, source), ...(short ? [name.replace(/\s+/g, '')] : [])])) addTitled(person, source, name, base);
      } else {
        for (const v of latinVariants(name)) add(person, 'name', source, name, v);
        for (const token of new Set(name.split(/\s+/).filter(Boolean))) addTitled(person, source, name, token);
      }
    }
    if (person.affiliation?.trim()) {
      for (const v of affiliationVariants(person.affiliation)) add(person, 'affiliation', 'affiliation', person.affiliation, v, { exact: /^[A-Z][A-Z0-9&-]{2,}$/.test(v) });
    }
    for (const c of person.committees ?? []) {
      add(person, 'committee', 'committee_name', c.name, c.name);
      add(person, 'committee', 'committee_code', c.code, c.code, { exact: true });
    }
  }
  return terms;
}

/** The plain text of each top-level block and the addresses of the links in it. */
function blocksOf(doc: RichText): { text: string; links: string[] }[] {
  const texts = blockTexts(doc);
  const linksIn = (b: BlockNode): string[] => {
    const inline = (nodes: InlineNode[] | undefined) => (nodes ?? []).flatMap((n) => (n.type === 'text' ? (n.marks ?? []).flatMap((m) => (m.type === 'link' ? [m.attrs.href] : [])) : []));
    if (b.type === 'paragraph') return inline(b.content);
    if (b.type === 'blockquote') return b.content.flatMap(linksIn);
    return b.content.flatMap((li) => li.content.flatMap(linksIn));
  };
  return doc.content.map((b, i) => ({ text: texts[i] ?? '', links: [...new Set(linksIn(b))] }));
}

/** Slices without splitting a surrogate pair. */
function safeSlice(s: string, from: number, to: number) {
  let a = Math.max(0, from);
  let b = Math.min(s.length, to);
  if (a > 0 && /[\udc00-\udfff]/.test(s[a] ?? '')) a -= 1;
  if (b < s.length && /[\udc00-\udfff]/.test(s[b] ?? '')) b += 1;
  return s.slice(a, b);
}

interface RawMatch {
  term: CompiledTerm;
  block: number;
  in: 'text' | 'link';
  text: string;
  start: number;
  end: number;
}

const personKey = (p: AttributionPerson) => p.id ?? `guest:${p.displayName}`;

/**
 * Every place where a compiled term appears in the document. One person's overlapping matches
 * of one kind are one finding ('Dr. Yoon Jae-seok', not also 'Dr. Yoon'), named by the longest;
 * people who share the same match (an affiliation, a committee) are listed in one finding.
 */
export function findAttributions(doc: RichText, terms: readonly CompiledTerm[]): AttributionFinding[] {
  const raw: RawMatch[] = [];
  blocksOf(doc).forEach(({ text, links }, block) => {
    const places = [{ in: 'text' as const, text }, ...links.map((href) => ({ in: 'link' as const, text: href }))];
    for (const place of places) {
      if (!place.text) continue;
      const ix = index(place.text);
      for (const term of terms) {
        for (const [s, e] of occurrences(ix, term.pattern)) {
          let from = s;
          let to = e;
          if (term.title && 'before' in term.title) from = titleBefore(ix.folded, s);
          else if (term.title) to = titleAfter(ix.folded, e, term.title.after, term.title.space);
          if (from < 0 || to < 0) continue;
          const start = ix.startOf[from] as number;
          const end = ix.endOf[to - 1] as number;
          if (term.exact !== undefined && place.text.slice(start, end).normalize('NFKC') !== term.exact) continue;
          raw.push({ term, block, in: place.in, text: place.text, start, end });
        }
      }
    }
  });

  // One person's overlapping matches of a kind in one place become one ('Dr. Yoon Jae-seok').
  const kept: RawMatch[] = [];
  const byPlace = new Map<string, RawMatch[]>();
  for (const r of raw) {
    const key = `${personKey(r.term.person)}|${r.term.kind}|${r.block}|${r.in}|${r.in === 'link' ? r.text : ''}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), r]);
  }
  for (const group of byPlace.values()) {
    group.sort((a, b) => a.start - b.start || b.end - a.end);
    let cluster: { merged: RawMatch; longest: RawMatch } | null = null;
    const flush = () => cluster && kept.push({ ...cluster.merged, term: cluster.longest.term });
    for (const r of group) {
      if (cluster && r.start < cluster.merged.end) {
        cluster.merged = { ...cluster.merged, end: Math.max(cluster.merged.end, r.end) };
        if (r.end - r.start > cluster.longest.end - cluster.longest.start) cluster.longest = r;
      } else {
        flush();
        cluster = { merged: r, longest: r };
      }
    }
    flush();
  }

  const findings = new Map<string, AttributionFinding>();
  for (const r of kept) {
    const key = `${r.block}|${r.in}|${r.in === 'link' ? r.text : ''}|${r.start}|${r.end}|${r.term.kind}|${foldForMatching(r.term.term)}`;
    const ref = { id: r.term.person.id, displayName: r.term.person.displayName };
    const existing = findings.get(key);
    if (existing) {
      if (!existing.people.some((p) => p.id === ref.id && p.displayName === ref.displayName)) existing.people.push(ref);
      continue;
    }
    findings.set(key, {
      kind: r.term.kind,
      source: r.term.source,
      term: r.term.term,
      people: [ref],
      block: r.block,
      in: r.in,
      start: r.start,
      end: r.end,
      match: r.text.slice(r.start, r.end),
      before: safeSlice(r.text, r.start - CONTEXT, r.start),
      after: safeSlice(r.text, r.end, r.end + CONTEXT),
    });
  }
  return [...findings.values()].sort((a, b) => a.block - b.block || (a.in === b.in ? 0 : a.in === 'text' ? -1 : 1) || a.start - b.start || b.end - a.end);
}

/**
 * Checks a report against the Chatham House Rule: "neither the identity nor the affiliation of
 * the speaker(s), nor that of any other participant, may be revealed". Under the rule (and for
 * a closed meeting, whose record never leaves the group at all) every name, affiliation and
 * member committee of the meeting's people found in the text or in a link's address is a
 * finding; on record, speakers may be named and nothing is a finding.
 *
 * The same check must run on anything that takes a report out of the group: the circulation
 * to the group is refused while it finds something, and the later export (PDF, Word, mail to
 * the Steering Committee or to governments, a public page) must call it again with the
 * meeting's people at that moment and refuse on a finding, as the transition route does.
 *
 * It is a safeguard, not a proof: it finds the people's own records and their obvious variants
 * (see `compileAttributionTerms`), not a description ('the delegate from Seoul').
 */
export function checkAttribution(doc: RichText, people: readonly AttributionPerson[], rule: AttributionRule): AttributionCheck {
  if (rule === 'on_record') return { rule, ok: true, findings: [] };
  const findings = findAttributions(doc, compileAttributionTerms(people));
  return { rule, ok: findings.length === 0, findings };
}

/**
 * Guest speakers as the timetable writes them ('Jane Doe, Institute of X; Kim Min-ji (KIDA)'):
 * one person per line or semicolon, the name before a comma or parenthesis, the rest the
 * affiliation.
 */
export function guestSpeakerPeople(text: string | null | undefined): AttributionPerson[] {
  if (!text) return [];
  return text
    .split(/\r?\n|;/)
    .map((line) => line.replace(/^[\s\-–—•*·]+/, '').trim())
    .filter(Boolean)
    .map((entry) => {
      const paren = /^(.+?)\s*[(（](.+)[)）]\s*$/.exec(entry);
      const [name, affiliation] = paren ? [paren[1], paren[2]] : (() => {
        const i = entry.search(/[,，]/);
        return i < 0 ? [entry, null] : [entry.slice(0, i), entry.slice(i + 1)];
      })();
      return { id: null, displayName: (name ?? '').trim(), affiliation: affiliation?.trim() || null };
    })
    .filter((p) => p.displayName);
}

export const ZAttributionPerson = z.object({
  id: z.string().nullable(),
  displayName: z.string(),
  names: ZPersonNames.optional(),
  affiliation: z.string().nullable().optional(),
  committees: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
});
