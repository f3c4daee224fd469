import { foldForMatching, HANGUL, index, type Indexed } from './attribution-fold';
import { capitalized, followedBy, occurrences, pattern as makePattern, qualify, startsWord, wordBefore, type Pattern, type Qualifier } from './attribution-match';
import { affiliationVariants, cjkSplit, HAN_TITLES, HANGUL_TITLES, isCommonName, LATIN_TITLES, latinSplits, recordedFamily, withoutTitles } from './attribution-names';
import { delegationPhrases } from './countries';
import type { AttributionCheck, AttributionFinding, AttributionPerson, AttributionSource, AttributionWarning, WarningAnswer } from './attribution-types';
import type { AttributionRule } from './meetings';
import { NAME_SCRIPTS } from './people';
import { blockTexts, type BlockNode, type InlineNode, type RichText } from './rich-text';

export { foldForMatching, HAN_TITLES, HANGUL_TITLES, LATIN_TITLES };
export { COMMON_NAMES } from './attribution-names';
export * from './attribution-types';

/*
 * The attribution check (issue #4, part 6; issue #9, part 3): the one matcher that keeps names
 * and affiliations out of anything written under the Chatham House Rule that leaves the room —
 * the Co-Chairs' Report before it is circulated or made final, session titles before a calendar
 * feed carries them, and whatever later publishes the group's texts. Isomorphic: the server
 * refuses on a finding, and the web editor runs the same function while the rapporteur types.
 * How text is read: `./attribution-fold`; how a term is matched: `./attribution-match`; which
 * variants of names and affiliations are derived: `./attribution-names`, `./countries`.
 */

const CONTEXT = 40;
const FOLDED_LATIN_TITLES = LATIN_TITLES.map(foldForMatching);
const FOLDED_HANGUL_TITLES = HANGUL_TITLES.map(foldForMatching);
const FOLDED_HAN_TITLES = HAN_TITLES.map(foldForMatching);

/** What `compileAttributionTerms` prepares for `findAttributions`. */
export interface CompiledTerm {
  kind: AttributionFinding['kind'];
  source: AttributionSource;
  term: string;
  person: AttributionPerson;
  pattern: Pattern;
  /** What must stand around a match for it to count (a title, initials). */
  qualifier?: Qualifier;
  /** Codes match only as written (upper case): 'CAN' or 'AUS' in running text are words. */
  exact?: string;
  /** A part of a name alone: a warning, not a finding. */
  warn?: 'given' | 'family';
  /** Latin: the match must begin with a capital ('Harriet', not 'harriet'). */
  capital?: boolean;
  /** Hangul: the match must begin a word. */
  wordStart?: boolean;
  /** A shorter pattern the term contains: where it does not occur, the term is not looked for. */
  gate?: Pattern;
  /** English words that may not stand right before the match; characters that may not follow it. */
  notAfter?: readonly string[];
  notBefore?: readonly string[];
}

const hasCjk = (s: string) => /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(s);
const LETTERS = /\p{L}/gu;
const letterCount = (s: string) => s.match(LETTERS)?.length ?? 0;

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

/**
 * Compiles what to look for, once per set of people (the editor compiles once and checks on
 * each change). For each person:
 * - every spelling of the name (display name, Latin, Hangul, Hanzi, Kanji), without the titles
 *   written around it ('Dr.', 'H.E.', '박사'); Latin ones also in the other order and as first +
 *   last name; the affiliation (also without a parenthetical remark, up to a comma, an acronym
 *   given in parentheses, and its distinctive leading part, 'Hanbit Academy'); the names of
 *   their member committees; committee codes and acronyms of three letters or more, as written
 *   (upper case); their delegation named by its country ('the Korean delegation', '한국 대표단',
 *   '中国代表团', '日本代表団'), from the committee's stored country;
 * - Latin script matches whole words, ignoring case and accents, with any short punctuation or
 *   none between the name's words; Han, Hangul and kana match anywhere, as substrings;
 * - a spelling too short to tell from ordinary text — under three Latin letters ('Li', 'US',
 *   'KR'), a single Han character, or under three Hangul or kana syllables ('이상' is also 'more
 *   than') — is not a finding on its own, but is one after a personal title ('Dr. Li') or before
 *   one ('이상 박사', '李教授');
 * - a family name with a title is a finding ('Mr. Yoon', '윤교수', '王先生', '佐々木さん'), and a
 *   Latin one with initials ('J. R. Ashby', 'JR Ashby', 'Ashby, J.'); the family name is the one
 *   the person recorded (`names.family`), else guessed (either end of a Latin name; the first one
 *   or two characters of a Han or Hangul one). A one-syllable Korean surname counts only written
 *   together with its title: '전 대사' is also 'the former ambassador', '이 교수' 'this professor';
 * - a given name or a family name alone (three Latin letters or more, written with a capital; two
 *   Han, Hangul or kana characters or more) is a warning, unless it is one of COMMON_NAMES: 'Kim',
 *   'Lee', 'Moon' or 'Wang' alone are also Kim Jong-un, the Moon administration, and a third of
 *   the region.
 */
export function compileAttributionTerms(people: readonly AttributionPerson[]): CompiledTerm[] {
  const terms: CompiledTerm[] = [];
  // One pattern per text: people who share a committee, an affiliation or a name part share it,
  // and `findAttributions` looks each pattern up once per place.
  const patterns = new Map<string, Pattern | null>();
  const pattern = (text: string) => {
    let p = patterns.get(text);
    if (p === undefined) patterns.set(text, (p = makePattern(text)));
    return p;
  };
  type Extra = Omit<CompiledTerm, 'kind' | 'source' | 'term' | 'person' | 'pattern'>;
  const add = (person: AttributionPerson, kind: CompiledTerm['kind'], source: AttributionSource, term: string, variant: string, extra: Extra = {}) => {
    const p = pattern(variant);
    if (p?.distinctive) terms.push({ kind, source, term, person, pattern: p, ...extra });
  };
  const addQualified = (person: AttributionPerson, source: AttributionSource, term: string, base: string, qualifier: Qualifier) => {
    const p = pattern(base);
    if (p) terms.push({ kind: 'name', source, term, person, pattern: p, qualifier });
  };
  const addCjkTitled = (person: AttributionPerson, source: AttributionSource, term: string, base: string) => {
    const hangul = HANGUL.test(base);
    addQualified(person, source, term, base, { title: 'after', titles: hangul ? FOLDED_HANGUL_TITLES : FOLDED_HAN_TITLES, space: !(hangul && [...base].length === 1) });
  };
  const addPart = (person: AttributionPerson, source: AttributionSource, term: string, part: string, warn: 'given' | 'family') => {
    if (isCommonName(part)) return;
    const cjk = hasCjk(part);
    const p = pattern(part);
    if (!p || (cjk ? [...p.skeleton].length < 2 : letterCount(part) < 3)) return;
    terms.push({ kind: 'name', source, term, person, pattern: p, warn, ...(cjk ? (HANGUL.test(part) ? { wordStart: true } : {}) : { capital: true }) });
  };

  for (const person of people) {
    const spellings: [AttributionSource, string, string | undefined][] = [];
    const display = withoutTitles(person.displayName);
    const latinFamily = recordedFamily(person.names, 'latin');
    spellings.push(['display_name', display, latinFamily]);
    for (const script of NAME_SCRIPTS) {
      const n = person.names?.[script];
      if (n) spellings.push([script, withoutTitles(n), recordedFamily(person.names, script)]);
    }
    const seen = new Set<string>();
    for (const [source, name, recorded] of spellings) {
      const key = pattern(name)?.skeleton;
      if (!key || seen.has(key)) continue;
      seen.add(key);
      if (hasCjk(name)) {
        add(person, 'name', source, name, name);
        const script = source === 'display_name' ? (HANGUL.test(name) ? 'hangul' : 'hanzi') : source;
        const split = cjkSplit(name, script as 'hangul' | 'hanzi' | 'kanji', recorded);
        const short = !pattern(name)?.distinctive;
        for (const base of new Set([...(split ? [split.family] : []), ...(short ? [name.replace(/\s+/g, '')] : [])])) addCjkTitled(person, source, name, base);
        if (split) {
          addPart(person, source, name, split.family, 'family');
          for (const g of split.given) addPart(person, source, name, g, 'given');
        }
      } else {
        for (const v of latinVariants(name)) add(person, 'name', source, name, v);
        const tokens = new Set(name.split(/\s+/).filter(Boolean));
        for (const token of tokens) if (letterCount(token) >= 2) addQualified(person, source, name, token, { title: 'before', titles: FOLDED_LATIN_TITLES });
        const splits = latinSplits(name, recorded);
        for (const split of splits) {
          const first = split.given.find((g) => letterCount(g) >= 1);
          const letter = first ? foldForMatching(first).match(/\p{L}/u)?.[0] : undefined;
          if (letter && letterCount(split.family) >= 2) addQualified(person, source, name, split.family, { initials: letter, dotted: letterCount(split.family) < 3 });
          if (split.family.includes(' ')) addQualified(person, source, name, split.family, { title: 'before', titles: FOLDED_LATIN_TITLES });
        }
        // Parts alone: with a recorded split, its given names and family name; else each word.
        const recordedSplit = splits.length === 1 ? splits[0] : undefined;
        if (recordedSplit) {
          addPart(person, source, name, recordedSplit.family, 'family');
          for (const g of recordedSplit.given) addPart(person, source, name, g, 'given');
        } else {
          const list = [...tokens];
          list.forEach((token, i) => addPart(person, source, name, token, list.length > 1 && i === list.length - 1 ? 'family' : 'given'));
        }
      }
    }
    if (person.affiliation?.trim()) {
      for (const v of affiliationVariants(person.affiliation)) add(person, 'affiliation', 'affiliation', person.affiliation, v, /^[A-Z][A-Z0-9&-]{2,}$/.test(v) ? { exact: v.normalize('NFKC') } : {});
    }
    for (const c of person.committees ?? []) {
      add(person, 'committee', 'committee_name', c.name, c.name);
      add(person, 'committee', 'committee_code', c.code, c.code, { exact: c.code.normalize('NFKC') });
      for (const phrase of delegationPhrases(c.country)) {
        const gate = pattern(phrase.gate);
        add(person, 'committee', 'committee_country', c.name, phrase.text, {
          ...(gate ? { gate } : {}),
          ...(phrase.notAfter.length ? { notAfter: phrase.notAfter.map(foldForMatching) } : {}),
          ...(phrase.notBefore.length ? { notBefore: phrase.notBefore } : {}),
        });
      }
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

/** Where a term matches in one indexed text, widened to its qualifier, as offsets in the original. */
function matchesIn(ix: Indexed, term: CompiledTerm, seen: Map<Pattern, [number, number][]>): [number, number][] {
  const out: [number, number][] = [];
  if (term.gate) {
    let gated = seen.get(term.gate);
    if (!gated) seen.set(term.gate, (gated = occurrences(ix, term.gate)));
    if (!gated.length) return out;
  }
  let found = seen.get(term.pattern);
  if (!found) seen.set(term.pattern, (found = occurrences(ix, term.pattern)));
  for (const [s, e] of found) {
    const q = qualify(ix, s, e, term.qualifier);
    if (!q) continue;
    if (term.capital && !capitalized(ix, s)) continue;
    if (term.wordStart && !startsWord(ix, s)) continue;
    if (term.notAfter && wordBefore(ix, s, term.notAfter)) continue;
    if (term.notBefore && followedBy(ix, e, term.notBefore)) continue;
    const start = ix.startOf[q[0]] as number;
    const end = ix.endOf[q[1] - 1] as number;
    if (term.exact !== undefined && ix.text.slice(start, end).normalize('NFKC') !== term.exact) continue;
    out.push([start, end]);
  }
  return out;
}

/** One person's overlapping matches of a kind in one place become one ('Dr. Yoon Jae-seok'), named by the longest. */
function mergeOverlaps(raw: RawMatch[]): RawMatch[] {
  const kept: RawMatch[] = [];
  const byPlace = new Map<string, RawMatch[]>();
  for (const r of raw) {
    const key = `${personKey(r.term.person)}|${r.term.kind}|${r.term.warn ? 'w' : 'f'}|${r.block}|${r.in}|${r.in === 'link' ? r.text : ''}`;
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
  return kept;
}

const placeKey = (r: { block: number; in: string; text: string }) => `${r.block}|${r.in}|${r.in === 'link' ? r.text : ''}`;
const order = (a: { block: number; in: string; start: number; end: number }, b: typeof a) => a.block - b.block || (a.in === b.in ? 0 : a.in === 'text' ? -1 : 1) || a.start - b.start || b.end - a.end;

/** The key that names a warning in an acknowledgement: where it is and what it says, so a changed text needs a new answer. */
export const warningKey = (w: { block: number; in: string; start: number; end: number; match: string }) => `${w.block}:${w.in}:${w.start}:${w.end}:${foldForMatching(w.match)}`;

export interface AttributionResult {
  findings: AttributionFinding[];
  warnings: AttributionWarning[];
}

/**
 * Every place where a compiled term appears in the document. One person's overlapping matches
 * of one kind are one finding ('Dr. Yoon Jae-seok', not also 'Dr. Yoon'), named by the longest;
 * people who share the same match (an affiliation, a committee) are listed in one finding. A
 * name part alone is a warning, unless a finding already covers that place.
 */
export function findAttributions(doc: RichText, terms: readonly CompiledTerm[]): AttributionResult {
  const raw: RawMatch[] = [];
  blocksOf(doc).forEach(({ text, links }, block) => {
    const places = [{ in: 'text' as const, text }, ...links.map((href) => ({ in: 'link' as const, text: href }))];
    for (const place of places) {
      if (!place.text) continue;
      const ix = index(place.text);
      const seen = new Map<Pattern, [number, number][]>();
      for (const term of terms) for (const [start, end] of matchesIn(ix, term, seen)) raw.push({ term, block, in: place.in, text: place.text, start, end });
    }
  });
  const kept = mergeOverlaps(raw);

  const ref = (p: AttributionPerson) => ({ id: p.id, displayName: p.displayName });
  const place = (r: RawMatch) => ({
    people: [ref(r.term.person)],
    block: r.block,
    in: r.in,
    start: r.start,
    end: r.end,
    match: r.text.slice(r.start, r.end),
    before: safeSlice(r.text, r.start - CONTEXT, r.start),
    after: safeSlice(r.text, r.end, r.end + CONTEXT),
  });
  const addPerson = (list: { people: { id: string | null; displayName: string }[] }, p: AttributionPerson) => {
    if (!list.people.some((q) => q.id === p.id && q.displayName === p.displayName)) list.people.push(ref(p));
  };

  const findings = new Map<string, AttributionFinding>();
  const covered = new Map<string, [number, number][]>();
  for (const r of kept.filter((k) => !k.term.warn)) {
    const key = `${placeKey(r)}|${r.start}|${r.end}|${r.term.kind}|${foldForMatching(r.term.term)}`;
    covered.set(placeKey(r), [...(covered.get(placeKey(r)) ?? []), [r.start, r.end]]);
    const existing = findings.get(key);
    if (existing) addPerson(existing, r.term.person);
    else findings.set(key, { kind: r.term.kind, source: r.term.source, term: r.term.term, ...place(r) });
  }
  const warnings = new Map<string, AttributionWarning>();
  for (const r of kept.filter((k) => k.term.warn)) {
    if ((covered.get(placeKey(r)) ?? []).some(([s, e]) => r.start < e && s < r.end)) continue;
    const p = place(r);
    const key = warningKey(p);
    const existing = warnings.get(key);
    if (existing) addPerson(existing, r.term.person);
    else warnings.set(key, { kind: 'name_part', part: r.term.warn as 'given' | 'family', source: r.term.source, term: r.term.term, key, ...p });
  }
  return { findings: [...findings.values()].sort(order), warnings: [...warnings.values()].sort(order) };
}

/**
 * Checks a text against the Chatham House Rule: "neither the identity nor the affiliation of
 * the speaker(s), nor that of any other participant, may be revealed". Under the rule (and for
 * a closed meeting, whose record never leaves the group at all) every name, affiliation and
 * member committee of the meeting's people found in the text or in a link's address is a
 * finding, and a part of a name alone a warning to answer; on record, speakers may be named and
 * nothing is found.
 *
 * The same check runs on anything that takes the group's texts out of the room: the report's
 * circulation and finalization are refused while it finds something or a warning is unanswered;
 * calendar feeds withhold a session title it finds something in; a later export (PDF, Word, mail
 * to the Steering Committee or to governments, a public page, the memorandum's publication) must
 * call it again with the meeting's people at that moment and refuse on a finding.
 *
 * It is a safeguard, not a proof: it finds the people's own records and the variants derived from
 * them (see `compileAttributionTerms`), not a description ('the delegate from Seoul', 'our host
 * from the Foreign Ministry'), a paraphrase, a misspelling, or a name it was never given.
 */
export function checkAttribution(doc: RichText, people: readonly AttributionPerson[], rule: AttributionRule): AttributionCheck {
  if (rule === 'on_record') return { rule, ok: true, findings: [], warnings: [] };
  const { findings, warnings } = findAttributions(doc, compileAttributionTerms(people));
  return { rule, ok: findings.length === 0, findings, warnings };
}

/** The warnings of a check that no answer names. */
export const unanswered = (check: Pick<AttributionCheck, 'warnings'>, answers: readonly Pick<WarningAnswer, 'key'>[]) => {
  const keys = new Set(answers.map((a) => a.key));
  return check.warnings.filter((w) => !keys.has(w.key));
};

/**
 * Guest speakers as the timetable writes them ('Dr. Jane Doe, Institute of X; Kim Min-ji
 * (KIDA)'): one person per line or semicolon, the name before a comma or parenthesis without
 * its titles ('Dr.', 'H.E.', '박사'), the rest the affiliation.
 */
export function guestSpeakerPeople(text: string | null | undefined): AttributionPerson[] {
  if (!text) return [];
  return text
    .split(/\r?\n|;/)
    .map((line) => line.replace(/^[\s\-–—•*·]+/, '').trim())
    .filter(Boolean)
    .map((entry) => {
      const paren = /^(.+?)\s*[(（](.+)[)）]\s*$/.exec(entry);
      const [name, affiliation] = paren
        ? [paren[1], paren[2]]
        : (() => {
            const i = entry.search(/[,，]/);
            return i < 0 ? [entry, null] : [entry.slice(0, i), entry.slice(i + 1)];
          })();
      return { id: null, displayName: withoutTitles((name ?? '').trim()), affiliation: affiliation?.trim() || null };
    })
    .filter((p) => p.displayName);
}
