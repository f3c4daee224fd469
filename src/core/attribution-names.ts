import { classOf, foldForMatching, HAN, HANGUL } from './attribution-fold';
import { familyKey, type NameScript, type PersonNames } from './people';

/*
 * The parts of names and affiliations the attribution check derives its variants from, once,
 * for the one matcher (`compileAttributionTerms`): titles, family and given names, initials,
 * the distinctive part of an affiliation, and the names too common to count alone.
 */

/**
 * Titles that, written before a name ('Dr. Li', 'Mr Yoon') or after it ('윤교수', '王先生',
 * '森下さん'), point at one person: with them even a short name or a surname alone is a finding.
 * Only personal and academic titles: 'President Moon' or 'Minister Wang' is how a report
 * discusses public figures, not participants.
 */
export const LATIN_TITLES = ['dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'amb', 'ambassador', 'sir', 'dame', 'madam', 'madame', 'mme'] as const;
export const HANGUL_TITLES = ['교수', '박사', '대사', '선생', '님', '씨', '연구원', '연구위원'] as const;
export const HAN_TITLES = ['教授', '博士', '先生', '女士', '大使', '研究员', '研究員', '氏', 'さん', '様', 'さま'] as const;

/** What a timetable or a display name may put around a name and is not part of it ('H.E. Dr.', ', PhD'). */
const STRIP_BEFORE = new Set<string>([...LATIN_TITLES, 'h.e', 'hon', 'rev']);
/** Abbreviations that are also names or words ('Sen', 'Col', 'Md'): stripped only written with their full stop. */
const STRIP_BEFORE_DOTTED = new Set(['gen', 'lt', 'col', 'adm', 'capt', 'cdr', 'maj', 'sen', 'rep', 'assoc', 'asst']);
const STRIP_AFTER = new Set(['phd', 'ph.d', 'm.d', 'jr', 'sr', 'esq', 'obe', 'mbe', 'cbe', '(ret.)']);
const CJK_TITLES = [...HANGUL_TITLES, ...HAN_TITLES, '前大使', '전 대사', '명예교수', '名誉教授', '名譽教授'].sort((a, b) => b.length - a.length);

const word = (t: string) => t.toLowerCase().replace(/[.,]+$/g, '').replace(/^\(|\)$/g, '');

/**
 * A name without the titles around it: 'Dr. Imogen Guestworth' → 'Imogen Guestworth',
 * 'H.E. Amb. Seo Do-yun' → 'Seo Do-yun', 'Imogen Guestworth PhD' → 'Imogen Guestworth',
 * '김민지 박사' → '김민지', '王教授' stays (a title is all that would be left of it beyond one character).
 */
export function withoutTitles(name: string): string {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  const strippable = (t: string) => STRIP_BEFORE.has(word(t)) || (t.endsWith('.') && STRIP_BEFORE_DOTTED.has(word(t)));
  while (tokens.length > 2 || (tokens.length > 1 && [...(tokens[1] as string)].length > 1)) {
    if (!strippable(tokens[0] as string)) break;
    tokens.shift();
  }
  while (tokens.length > 2 && (STRIP_AFTER.has(word(tokens[tokens.length - 1] as string)) || STRIP_AFTER.has((tokens[tokens.length - 1] as string).toLowerCase()))) tokens.pop();
  let out = tokens.join(' ').replace(/[,，]\s*$/, '');
  if ([...out].some((c) => classOf(c) === 2)) {
    for (const title of CJK_TITLES) {
      const bare = out.endsWith(title) ? out.slice(0, -title.length).trim() : out;
      if (bare !== out && [...bare.replace(/\s+/g, '')].length >= 2) {
        out = bare;
        break;
      }
    }
  }
  return out;
}

/**
 * Surnames and given names too common, or too much ordinary words, to point at one participant
 * alone: the region's commonest family names (also those of heads of state and governments, whom
 * reports discuss), and names that are English words. Alone they are neither a finding nor a
 * warning; with a title ('Dr. Kim'), initials ('M. Kim') or the rest of the name they still are.
 * Compared folded (lower case, without accents).
 */
export const COMMON_NAMES: ReadonlySet<string> = new Set([
  // Korean
  'kim', 'lee', 'yi', 'rhee', 'park', 'pak', 'bak', 'choi', 'choe', 'jung', 'jeong', 'chung', 'kang', 'cho', 'jo', 'yoon', 'yun', 'jang', 'chang', 'lim', 'im', 'han', 'oh', 'seo', 'suh', 'shin', 'sin', 'kwon', 'hwang', 'ahn', 'an', 'song', 'moon', 'mun', 'yoo', 'yu', 'ryu', 'hong', 'jeon', 'jun', 'chun', 'ko', 'go', 'nam', 'noh', 'roh', 'baek', 'heo', 'huh', 'yang', 'son', 'bae', 'cha', 'ha', 'min', 'woo', 'ju', 'koo', 'na',
  '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '문', '유', '홍', '전',
  // Chinese
  'wang', 'li', 'zhang', 'liu', 'chen', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'gao', 'luo', 'zheng', 'liang', 'xie', 'tang', 'xi', 'deng', 'feng', 'cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'du', 'ye', 'cheng', 'wei', 'su', 'lu', 'ding', 'ren', 'shen', 'yao', 'tan', 'wong', 'chan', 'ng', 'goh', 'ong', 'teo', 'koh', 'chua',
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗',
  // Japanese
  'sato', 'suzuki', 'takahashi', 'tanaka', 'watanabe', 'ito', 'yamamoto', 'nakamura', 'kobayashi', 'kato', 'yoshida', 'yamada', 'sasaki', 'yamaguchi', 'matsumoto', 'inoue', 'kimura', 'hayashi', 'shimizu', 'abe', 'kishida', 'ishiba', 'suga', 'noda',
  '佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本', '井上', '木村', '清水', '安倍', '岸田',
  // South-East Asian and others of the region
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly', 'santos', 'reyes', 'cruz', 'garcia', 'singh', 'kumar', 'khan', 'ali', 'ahmad', 'abdullah', 'ibrahim', 'ismail', 'hassan', 'rahman',
  // Particles of names that are words on their own
  'nor', 'bin', 'binti', 'van', 'von', 'der', 'den', 'del', 'dos', 'das', 'abu', 'ibn',
  // English and others that are common or words
  'smith', 'johnson', 'williams', 'brown', 'jones', 'miller', 'davis', 'wilson', 'taylor', 'clark', 'white', 'black', 'green', 'king', 'young', 'hall', 'wright', 'walker', 'long', 'price', 'rich', 'little', 'may', 'june', 'will', 'mark', 'hope', 'grace', 'rose', 'faith', 'joy', 'bill', 'frank', 'jack', 'guy', 'art', 'sky', 'summer', 'hunter', 'baker', 'cook', 'mason', 'page', 'rice', 'trump', 'biden', 'putin', 'obama', 'modi',
]);

export const isCommonName = (s: string) => COMMON_NAMES.has(foldForMatching(s).replace(/[\s\-‐.']/g, ''));

const compact = (s: string) => s.replace(/[\s\u3000・·]+/g, '');
const latinTokens = (s: string) => s.trim().split(/\s+/).filter(Boolean);

/** A name split into its family name and the rest, with whether the split was recorded or guessed. */
export interface NameSplit {
  family: string;
  given: string[];
  recorded: boolean;
}

/**
 * The ways a Latin name may split into family and given names: the recorded one alone when the
 * person recorded their family name and it fits this spelling; else both guesses, the last word
 * ('Jonathan R. Ashby') and the first ('Yoon Jae-seok').
 */
export function latinSplits(name: string, recorded: string | undefined): NameSplit[] {
  const tokens = latinTokens(name);
  if (tokens.length < 2) return [];
  if (recorded) {
    const f = latinTokens(recorded);
    const eq = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => foldForMatching(w) === foldForMatching(b[i] as string));
    if (f.length < tokens.length && eq(tokens.slice(tokens.length - f.length), f)) return [{ family: f.join(' '), given: tokens.slice(0, tokens.length - f.length), recorded: true }];
    if (f.length < tokens.length && eq(tokens.slice(0, f.length), f)) return [{ family: f.join(' '), given: tokens.slice(f.length), recorded: true }];
  }
  return [
    { family: tokens[tokens.length - 1] as string, given: tokens.slice(0, -1), recorded: false },
    { family: tokens[0] as string, given: tokens.slice(1), recorded: false },
  ];
}

/**
 * The family name of a name in Hangul or Han characters and what is left of it: the recorded one
 * where it fits, else written apart ('森下 恵理子'), else a guess: Japanese surnames are mostly two
 * characters, Korean and Chinese ones mostly one, and a four-character name is often two and two.
 */
export function cjkSplit(name: string, script: NameScript, recorded: string | undefined): NameSplit | null {
  const whole = compact(name);
  const chars = [...whole];
  if (recorded) {
    const f = compact(recorded);
    if (f && f.length < whole.length && whole.startsWith(f)) return { family: f, given: [whole.slice(f.length)], recorded: true };
    if (f && f.length < whole.length && whole.endsWith(f)) return { family: f, given: [whole.slice(0, -f.length)], recorded: true };
  }
  const parts = name.trim().split(/[\s\u3000・·]+/).filter(Boolean);
  if (parts.length >= 2) return { family: parts[0] as string, given: [parts.slice(1).join('')], recorded: false };
  if (chars.length < 2) return null;
  const n = script === 'kanji' ? (chars.length >= 3 ? 2 : 1) : chars.length >= 4 ? 2 : 1;
  return { family: chars.slice(0, n).join(''), given: [chars.slice(n).join('')], recorded: false };
}

/** The recorded family name of a script, if any. */
export const recordedFamily = (names: PersonNames | undefined, script: NameScript) => names?.[familyKey(script)];

export const isHangul = (s: string) => HANGUL.test(s);
export const isHan = (s: string) => HAN.test(s);

/**
 * Words of institutions' names that say what kind of body it is, or where, rather than which:
 * a leading part of an affiliation made only of these ('Korea Institute', 'National University')
 * is not distinctive enough to count.
 */
const GENERIC_WORDS = new Set([
  'the', 'a', 'an', 'and', '&', 'of', 'for', 'on', 'in', 'at', 'to', 'de',
  'institute', 'institution', 'university', 'college', 'school', 'academy', 'center', 'centre', 'council', 'foundation', 'forum', 'society', 'association', 'agency', 'office', 'ministry', 'department', 'faculty', 'program', 'programme', 'project', 'initiative', 'network', 'group', 'committee', 'secretariat', 'commission', 'bureau', 'service', 'board', 'club', 'trust', 'fund', 'corporation', 'company', 'laboratory', 'lab', 'library', 'museum', 'organization', 'organisation',
  'national', 'international', 'global', 'regional', 'asian', 'asia', 'pacific', 'asia-pacific', 'east', 'west', 'north', 'south', 'northeast', 'southeast', 'central', 'new', 'royal', 'state', 'public', 'federal', 'graduate', 'advanced', 'strategic', 'strategy', 'security', 'studies', 'study', 'research', 'policy', 'policies', 'affairs', 'relations', 'peace', 'defense', 'defence', 'foreign', 'economic', 'economics', 'political', 'politics', 'maritime', 'law', 'science', 'sciences', 'social', 'world', 'development', 'cooperation',
  'korea', 'korean', 'china', 'chinese', 'japan', 'japanese', 'american', 'america', 'united', 'states', 'us', 'australia', 'australian', 'india', 'indian', 'russia', 'russian', 'canada', 'canadian', 'european', 'europe', 'singapore', 'malaysia', 'indonesia', 'vietnam', 'philippine', 'philippines', 'thai', 'thailand', 'mongolia', 'mongolian', 'zealand', 'demo', 'fictional',
]);
const INSTITUTION_NOUNS = new Set(['institute', 'institution', 'university', 'college', 'school', 'academy', 'center', 'centre', 'council', 'foundation', 'forum', 'society', 'association', 'agency', 'laboratory', 'programme', 'program', 'initiative', 'network']);

/** A short form still points at one institution: two words or more, or one long one, that are not all generic. */
function distinctiveShortForm(words: string[]): boolean {
  const own = words.filter((w) => !GENERIC_WORDS.has(w.toLowerCase()));
  return (words.length >= 2 && own.length >= 1) || (own.length === 1 && words.length === 1 && (own[0] as string).length >= 8);
}

/**
 * Affiliation variants: as stored; without a parenthetical ('(fictional)'); up to a comma; an
 * acronym in parentheses; and its distinctive leading part: the words before ' of ', ' for ',
 * ' on ' or a comma ('Hanbit Academy' of 'Hanbit Academy of International Affairs'), or up to the
 * first word naming the kind of body ('Sakuragaoka University' of 'Sakuragaoka University Faculty
 * of Law'), when that part is still distinctive (not 'Korea Institute', not 'National University').
 */
export function affiliationVariants(affiliation: string): string[] {
  const out = new Set([affiliation.trim()]);
  const withoutParens = affiliation.replace(/\s*[(（][^)）]*[)）]\s*/g, ' ').trim();
  if (withoutParens) out.add(withoutParens);
  const beforeComma = withoutParens.split(/[,，、]/)[0]?.trim();
  if (beforeComma) out.add(beforeComma);
  for (const m of affiliation.matchAll(/[(（]\s*([A-Z][A-Z0-9&-]{2,})\s*[)）]/g)) out.add(m[1] as string);
  if (beforeComma && !/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(beforeComma)) {
    const words = beforeComma.split(/\s+/).filter(Boolean);
    const cut = words.findIndex((w, i) => i > 0 && ['of', 'for', 'on', 'in', 'at'].includes(w.toLowerCase()));
    const lead = cut > 0 ? words.slice(0, cut) : [];
    if (lead.length && lead.length < words.length && distinctiveShortForm(lead)) out.add(lead.join(' '));
    const noun = words.findIndex((w, i) => i > 0 && INSTITUTION_NOUNS.has(w.toLowerCase()));
    const upTo = noun > 0 ? words.slice(0, noun + 1) : [];
    if (upTo.length && upTo.length < words.length && distinctiveShortForm(upTo)) out.add(upTo.join(' '));
  }
  return [...out].filter(Boolean);
}
