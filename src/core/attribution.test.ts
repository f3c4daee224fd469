import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAttribution, foldForMatching, guestSpeakerPeople, HAN_TITLES, HANGUL_TITLES, type AttributionPerson } from './attribution';
import { docFromParagraphs, ZRichText, type RichText } from './rich-text';

const yoon: AttributionPerson = {
  id: '00000000-0000-4000-8000-000000000001',
  displayName: 'Yoon Jae-seok',
  names: { latin: 'Yoon Jae-seok', hangul: '윤재석', hanzi: '尹在锡' },
  affiliation: 'Demo Institute for Peninsula Studies (fictional)',
  committees: [{ code: 'KR', name: 'CSCAP-Korea' }],
};
const morishita: AttributionPerson = {
  id: '00000000-0000-4000-8000-000000000002',
  displayName: 'Eriko Morishita',
  names: { latin: 'Eriko Morishita', kanji: '森下 恵理子' },
  affiliation: 'Sakuragaoka University Faculty of Law (fictional)',
  committees: [{ code: 'JP', name: 'CSCAP-Japan' }],
};
/** Short names and codes, which must not be found on their own. */
const li: AttributionPerson = {
  id: '00000000-0000-4000-8000-000000000003',
  displayName: 'Li',
  names: { latin: 'Li', hanzi: '李', hangul: '이상' },
  affiliation: 'UN',
  committees: [{ code: 'US', name: 'CSCAP-US' }],
};
const ashby: AttributionPerson = {
  id: '00000000-0000-4000-8000-000000000004',
  displayName: 'Jonathan R. Ashby',
  names: { latin: 'Jonathan R. Ashby' },
  affiliation: 'Korea Institute for Defense Analyses (KIDA)',
  committees: [{ code: 'PIF', name: 'Pacific Islands Forum Secretariat' }],
};
const people = [yoon, morishita, li, ashby];

const check = (paragraphs: string[], who: AttributionPerson[] = people, rule: 'chatham_house' | 'on_record' | 'closed' = 'chatham_house') => checkAttribution(docFromParagraphs(paragraphs), who, rule);
const matches = (text: string, who: AttributionPerson[] = people) => check([text], who).findings.map((f) => f.match);

describe('the attribution check: names', () => {
  it('finds a name in every script the person writes it in', () => {
    expect(matches('Yoon Jae-seok opened the session.')).toEqual(['Yoon Jae-seok']);
    expect(matches('윤재석 교수는 신뢰 구축을 강조했다.')).toEqual(['윤재석']);
    expect(matches('尹在锡认为……')).toEqual(['尹在锡']);
    expect(matches('森下恵理子氏は、次のように述べた。')).toEqual(['森下恵理子']);
    const f = check(['A remark by 윤재석.'], [yoon]).findings[0];
    expect(f).toMatchObject({ kind: 'name', source: 'hangul', term: '윤재석', people: [{ id: yoon.id, displayName: 'Yoon Jae-seok' }], block: 0, in: 'text', start: 12, end: 15, before: 'A remark by ', after: '.' });
  });

  it('matches Latin names whole and in any case, accents and spacing, in either order', () => {
    expect(matches('YOON JAE-SEOK said; yoon jaeseok and Jae-seok Yoon.')).toEqual(['YOON JAE-SEOK', 'yoon jaeseok', 'Jae-seok Yoon']);
    expect(matches('Jonathan Ashby, also Ashby, Jonathan.')).toEqual(['Jonathan Ashby', 'Ashby, Jonathan']);
    expect(matches('Ｊｏｎａｔｈａｎ Ａｓｈｂｙ')).toEqual(['Ｊｏｎａｔｈａｎ Ａｓｈｂｙ']);
    expect(matches('Nguyen Van An', [{ id: null, displayName: 'Nguyễn Văn An' }])).toEqual(['Nguyen Van An']);
    // Part of another word is not the name.
    expect(matches('Yoonjaeseoky and MoonYoon Jae-seokx')).toEqual([]);
    expect(matches('the Ashbyville road')).toEqual([]);
  });

  it('finds a surname after a personal title, and before one in Korean, Chinese and Japanese', () => {
    expect(matches('Dr. Yoon and Mr Ashby agreed; Prof.Morishita did not.')).toEqual(['Dr. Yoon', 'Mr Ashby', 'Prof.Morishita']);
    expect(matches('윤교수는 동의했다.')).toEqual(['윤교수']);
    expect(matches('尹先生表示同意。')).toEqual(['尹先生']);
    expect(matches('森下さんは賛成した。')).toEqual(['森下さん']);
    // One finding for one person's overlapping matches, named by the longest.
    expect(check(['Dr. Yoon Jae-seok spoke.']).findings).toEqual([expect.objectContaining({ match: 'Dr. Yoon Jae-seok', term: 'Yoon Jae-seok', start: 0, end: 17 })]);
    expect(matches('YOON JAE-SEOK, yoon jaeseok')).toEqual(['YOON JAE-SEOK, yoon jaeseok']);
  });

  it('does not turn short names, codes or syllables into absurd findings', () => {
    // 'Li', 'US', 'UN', '李', '이상' are words and syllables too.
    expect(matches('Lithium and Li-ion, us and the US position, the UN, 李 and 10명 이상, 이상한 일')).toEqual([]);
    // Single Han characters inside other words: 森林 (forest) holds 森 and 林.
    expect(matches('森林の保全', [{ id: null, displayName: '林', names: { kanji: '林' } }])).toEqual([]);
    // Two-letter committee codes are country codes a report discusses freely.
    expect(matches('KR, JP and US positions on the Peninsula')).toEqual([]);
    // With a title they point at one person.
    expect(matches('Dr. Li said, and so did Ms LI.')).toEqual(['Dr. Li', 'Ms LI']);
    expect(matches('이상박사는 말했다')).toEqual(['이상박사']);
    expect(matches('李教授认为')).toEqual(['李教授']);
    // A Korean surname of one syllable counts only written together with the title: with a
    // space it is also an ordinary phrase ('전 대사' the former ambassador, '이 교수' this professor).
    expect(matches('이 교수는 전 대사와 만났다', [li, { id: null, displayName: '전민수', names: { hangul: '전민수' } }])).toEqual([]);
    // A surname alone is not a finding: it is also a head of state or an administration.
    const kim = { id: null, displayName: 'Kim Min-ji', names: { latin: 'Kim Min-ji', hangul: '김민지' } };
    const moon = { id: null, displayName: 'Moon Hee-sang', names: { latin: 'Moon Hee-sang', hangul: '문희상' } };
    expect(matches('Kim Jong-un, the Moon administration, 김정은 위원장과 문 대통령', [kim, moon])).toEqual([]);
    // Titles only start a word: 'terms Ashby' is not 'Ms Ashby'.
    expect(matches('in terms Ashby')).toEqual([]);
  });
});

describe('the attribution check: affiliations and committees', () => {
  it('finds affiliations, also without their parenthetical remark, and acronyms in parentheses as written', () => {
    expect(matches('Researchers of the Demo Institute for Peninsula Studies argued')).toEqual(['Demo Institute for Peninsula Studies']);
    expect(matches('a KIDA study; kida is not the acronym')).toEqual(['KIDA']);
    expect(matches('Korea Institute for Defense Analyses')).toEqual(['Korea Institute for Defense Analyses']);
    // The remark itself is not an affiliation.
    expect(matches('a fictional scenario')).toEqual([]);
  });

  it('finds member committee names and longer codes as written', () => {
    expect(matches('CSCAP Korea and CSCAP-Japan hosted; the Pacific Islands Forum Secretariat too.')).toEqual(['CSCAP Korea', 'CSCAP-Japan', 'Pacific Islands Forum Secretariat']);
    expect(matches('PIF members, not pif')).toEqual(['PIF']);
  });

  it('lists everyone a shared affiliation belongs to in one finding', () => {
    const colleague = { id: '00000000-0000-4000-8000-000000000009', displayName: 'Chung Hae-rim', affiliation: yoon.affiliation as string };
    const findings = check(['The Demo Institute for Peninsula Studies'], [yoon, colleague]).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]?.people.map((p) => p.displayName)).toEqual(['Yoon Jae-seok', 'Chung Hae-rim']);
  });

  it('reads guest speakers from the timetable’s text', () => {
    expect(guestSpeakerPeople('Jane Doe, Institute of Strategy\n- Kim Min-ji (KIDA); Paul Smith')).toEqual([
      { id: null, displayName: 'Jane Doe', affiliation: 'Institute of Strategy' },
      { id: null, displayName: 'Kim Min-ji', affiliation: 'KIDA' },
      { id: null, displayName: 'Paul Smith', affiliation: null },
    ]);
    expect(matches('As Jane Doe put it', guestSpeakerPeople('Jane Doe, Institute of Strategy'))).toEqual(['Jane Doe']);
  });
});

describe('the attribution check: the document and the rule', () => {
  it('points at the block and the text around the match, in lists, quotations and link addresses', () => {
    const doc: RichText = ZRichText.parse({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Opening.' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First point.' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'As Jonathan ' }, { type: 'text', text: 'Ash', marks: [{ type: 'bold' }] }, { type: 'text', text: 'by said.' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'the paper', marks: [{ type: 'link', attrs: { href: 'mailto:jae-seok.yoon@example.org' } }] }] }] },
      ],
    });
    const { findings, ok } = checkAttribution(doc, people, 'chatham_house');
    expect(ok).toBe(false);
    expect(findings).toEqual([
      expect.objectContaining({ block: 1, in: 'text', match: 'Jonathan Ashby', before: 'First point.\nAs ', after: ' said.' }),
      expect.objectContaining({ block: 2, in: 'link', match: 'jae-seok.yoon', before: 'mailto:', after: '@example.org' }),
    ]);
  });

  it('finds nothing on record, and treats a closed meeting as strictly as the rule', () => {
    const text = ['윤재석 and Dr. Ashby of CSCAP-Korea'];
    expect(check(text, people, 'on_record')).toEqual({ rule: 'on_record', ok: true, findings: [], warnings: [] });
    expect(check(text, people, 'closed').findings).toHaveLength(3);
    expect(check(text, people, 'chatham_house').findings).toHaveLength(3);
    expect(check(['No names here.'])).toEqual({ rule: 'chatham_house', ok: true, findings: [], warnings: [] });
  });

  it('folds case, accents and full-width forms but keeps Hangul and kana whole', () => {
    expect(foldForMatching('Ａｂç É')).toBe('abc e');
    expect(foldForMatching('윤재석 がガ')).toBe('윤재석 がガ');
  });
});

// ------------------------------------------------------------------------------------------
// Properties. Generated names use the letters a–m; the filler's Latin words use n–z, so it can
// hold no name and no personal title (each has a letter of a–m) except by the deliberate
// near-misses below; its Hangul and Han characters are random.

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const letters = (from: string, to: string) => fc.integer({ min: from.charCodeAt(0), max: to.charCodeAt(0) }).map((c) => String.fromCharCode(c));
const latinToken = fc.string({ unit: letters('a', 'm'), minLength: 2, maxLength: 8 }).map(cap);
const hangulSyllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c));
const hanChar = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
const join = (parts: string[], sep = '') => parts.join(sep);

const arbPerson: fc.Arbitrary<AttributionPerson> = fc.record({
  id: fc.uuid(),
  latin: fc.array(latinToken, { minLength: 2, maxLength: 3 }).map((t) => join(t, ' ')),
  hangul: fc.option(fc.array(hangulSyllable, { minLength: 3, maxLength: 4 }).map((t) => join(t)), { nil: undefined }),
  hanzi: fc.option(fc.array(hanChar, { minLength: 2, maxLength: 3 }).map((t) => join(t)), { nil: undefined }),
  kanji: fc.option(fc.tuple(fc.array(hanChar, { minLength: 1, maxLength: 2 }), fc.array(hanChar, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([a, b, spaced]) => join(a) + (spaced ? ' ' : '') + join(b)), { nil: undefined }),
  affiliation: fc.option(fc.array(latinToken, { minLength: 2, maxLength: 5 }).map((t) => join(t, ' ')), { nil: null }),
  committee: fc.option(fc.record({ code: fc.string({ unit: letters('A', 'M'), minLength: 2, maxLength: 2 }), name: latinToken.map((t) => `CSCAP-${t}`) }), { nil: undefined }),
}).map((p) => ({
  id: p.id,
  displayName: p.latin,
  names: { latin: p.latin, ...(p.hangul ? { hangul: p.hangul } : {}), ...(p.hanzi ? { hanzi: p.hanzi } : {}), ...(p.kanji ? { kanji: p.kanji } : {}) },
  affiliation: p.affiliation,
  committees: p.committee ? [p.committee] : [],
}));

const nearMisses = ['us', 'US', 'Li', 'li', 'LI', 'KR', 'UN', '이상', '이', '윤', '전', '李', '林', '森林', '10명 이상', '이상한', 'Lithium', 'Li-ion', 'the', 'said', 'noted', '中国', '会議'];
const fillerWord = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: letters('n', 'z'), minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...nearMisses) },
  { weight: 2, arbitrary: fc.array(hangulSyllable, { minLength: 1, maxLength: 4 }).map((t) => join(t)) },
  { weight: 2, arbitrary: fc.array(hanChar, { minLength: 1, maxLength: 4 }).map((t) => join(t)) },
  { weight: 1, arbitrary: fc.constantFrom('.', ',', ';', '—', '(', ')', '!', '?', '’s') },
);
const fillerParagraph = fc.array(fillerWord, { maxLength: 30 }).map((w) => join(w, ' '));
const fillerDoc = fc.array(fillerParagraph, { minLength: 1, maxLength: 6 });

/** Every CJK spelling and title, with separators removed: random characters could form one. */
function holdsCjkString(paragraphs: string[], who: AttributionPerson[]) {
  const strip = (s: string) => foldForMatching(s).replace(/[^\p{L}\p{N}]/gu, '');
  const text = strip(paragraphs.join(''));
  const spellings = who.flatMap((p) => [p.names?.hangul, p.names?.hanzi, p.names?.kanji]).filter((s): s is string => Boolean(s));
  return [...spellings, ...HANGUL_TITLES, ...HAN_TITLES].some((s) => text.includes(strip(s)));
}

describe('the attribution check: properties', () => {
  it('finds nothing in a report that holds no participant’s name, affiliation or committee', () => {
    fc.assert(
      fc.property(fc.array(arbPerson, { minLength: 1, maxLength: 6 }), fillerDoc, (generated, paragraphs) => {
        const who = [...generated, li];
        fc.pre(!holdsCjkString(paragraphs, who));
        const res = check(paragraphs, who);
        expect(res.findings).toEqual([]);
        // Nor a warning from Latin filler (random Han and Hangul may form a given name by chance).
        expect(res.warnings.filter((w) => /\p{Script=Latin}/u.test(w.match))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds any participant’s name, in any script, affiliation or committee inserted anywhere', () => {
    const choice = fc.constantFrom('display_name', 'latin', 'hangul', 'hanzi', 'kanji', 'affiliation', 'committee_name');
    const casing = fc.constantFrom('as is', 'upper', 'lower');
    fc.assert(
      fc.property(
        fc.array(arbPerson, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        choice,
        casing,
        fillerDoc,
        fc.nat(),
        fc.nat(),
        (who, pick, source, caseOf, paragraphs, blockPick, offsetPick) => {
          const person = who[pick % who.length] as AttributionPerson;
          const value =
            source === 'display_name'
              ? person.displayName
              : source === 'affiliation'
                ? person.affiliation
                : source === 'committee_name'
                  ? person.committees?.[0]?.name
                  : person.names?.[source as 'latin' | 'hangul' | 'hanzi' | 'kanji'];
          fc.pre(Boolean(value));
          const inserted = caseOf === 'upper' ? (value as string).toUpperCase() : caseOf === 'lower' ? (value as string).toLowerCase() : (value as string);
          const block = blockPick % paragraphs.length;
          const text = paragraphs[block] as string;
          const at = offsetPick % (text.length + 1);
          // Latin needs a word boundary; Han and Hangul go anywhere, even inside a word.
          const latin = /^[\p{Script=Latin}\s-]+$/u.test(inserted);
          paragraphs[block] = text.slice(0, at) + (latin ? ` ${inserted} ` : inserted) + text.slice(at);
          const findings = check(paragraphs, who).findings;
          const mine = findings.filter((f) => f.block === block && f.people.some((p) => p.id === person.id));
          expect(mine.length, `${inserted} in ${JSON.stringify(paragraphs[block])}`).toBeGreaterThan(0);
          // Every finding points at its text exactly.
          for (const f of findings) {
            const blockText = paragraphs[f.block] as string;
            expect(blockText.slice(f.start, f.end)).toBe(f.match);
            expect(blockText.slice(0, f.start).endsWith(f.before)).toBe(true);
            expect(blockText.slice(f.end).startsWith(f.after)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the attribution check: what readers cannot see or tell apart (#9 part 3)', () => {
  const imogen: AttributionPerson = { id: null, displayName: 'Imogen Guestworth' };
  const at = (text: string, who: AttributionPerson[] = [imogen, ashby, yoon, morishita]) => check([text], who).findings.map((f) => ({ match: f.match, start: f.start, end: f.end }));

  it('reads through invisible characters inside a name, and points at the text as written', () => {
    for (const invisible of ['\u00ad', '\u200b', '\u2060', '\ufeff', '\u200c', '\u200d', '\u034f', '\u180e', '\u202e']) {
      const name = `Imo${invisible}gen Guest${invisible}worth`;
      const text = `As ${name} said.`;
      expect(at(text), JSON.stringify(invisible)).toEqual([{ match: name, start: 3, end: 3 + name.length }]);
    }
    // An invisible character after the name is not part of the match.
    expect(at('Imogen Guestworth\u00ad said')).toEqual([{ match: 'Imogen Guestworth', start: 0, end: 17 }]);
    // In Hangul, Han and kana too: a soft hyphen or a variation selector inside 윤재석 or 森下恵理子.
    expect(at('윤\u00ad재\u200b석 교수')).toEqual([{ match: '윤\u00ad재\u200b석', start: 0, end: 5 }]);
    expect(at('森\ufe00下\u2060恵理子氏')).toEqual([{ match: '森\ufe00下\u2060恵理子', start: 0, end: 7 }]);
  });

  it('reads look-alike letters of other scripts and full-width or mathematical letters as the Latin letters they show', () => {
    const cyrillic = 'Jon\u0430than Ashby'; // Cyrillic а
    expect(at(`${cyrillic} spoke`)).toEqual([{ match: cyrillic, start: 0, end: cyrillic.length }]);
    const mixed = 'J\u043enathan \u0410sh\u0432y'.replace('\u0432', 'b'); // Cyrillic о and А
    expect(at(mixed)).toEqual([{ match: mixed, start: 0, end: mixed.length }]);
    const greek = 'Ιmοgen Guestworth'; // Greek capital iota and omicron
    expect(at(greek)).toEqual([{ match: greek, start: 0, end: greek.length }]);
    const upper = 'IMOGEN GUESTWORT\u041d'; // Cyrillic capital En for H
    expect(at(upper)).toEqual([{ match: upper, start: 0, end: upper.length }]);
    expect(at('Ｉｍｏｇｅｎ　Ｇｕｅｓｔｗｏｒｔｈ')).toEqual([{ match: 'Ｉｍｏｇｅｎ　Ｇｕｅｓｔｗｏｒｔｈ', start: 0, end: 17 }]);
    const math = '𝐈𝐦𝐨𝐠𝐞𝐧 𝐆𝐮𝐞𝐬𝐭𝐰𝐨𝐫𝐭𝐡';
    expect(at(math)).toEqual([{ match: math, start: 0, end: math.length }]);
    expect(foldForMatching('Jon\u0430than')).toBe('jonathan');
  });

  it('leaves Han, Hangul, kana and plain ASCII as they are: look-alike data does not merge ordinary characters', () => {
    // The confusables data maps katakana カ to the Han 力, ロ to 口, 一 to ー, ㅣ to 丨, 'm' to 'rn', '0' to 'O'.
    expect(foldForMatching('カロ一ㅣ二')).toBe('カロ一ㅣ二'.normalize('NFKC'));
    expect(foldForMatching('rn m 0 1 l I')).toBe('rn m 0 1 l i');
    expect(matches('力口', [{ id: null, displayName: 'カロ', names: { kanji: 'カロ' } }])).toEqual([]);
    expect(matches('Jonathan Ashby', [{ id: null, displayName: 'Jonathan Ashby' }])).toEqual(['Jonathan Ashby']);
    expect(matches('Jonatharn Ashby', [{ id: null, displayName: 'Jonathan Ashby' }])).toEqual([]);
  });
});

describe('the attribution check: variants derived once, in the matcher (#9 part 3)', () => {
  const guest = guestSpeakerPeople('Dr. Imogen Guestworth (Hanbit Academy of International Affairs)');
  const kubota: AttributionPerson = { id: null, displayName: 'Shingo Kubota', names: { latin: 'Shingo Kubota', kanji: '久保田慎吾', kanjiFamily: '久保田', latinFamily: 'Kubota' } };
  const hasegawa: AttributionPerson = { id: null, displayName: 'Aiko Hasegawa', names: { latin: 'Aiko Hasegawa', kanji: '長谷川愛子', kanjiFamily: '長谷川' } };
  const namgung: AttributionPerson = { id: null, displayName: 'Namgung Min', names: { latin: 'Namgung Min', hangul: '남궁민', hangulFamily: '남궁' } };
  const ouyang: AttributionPerson = { id: null, displayName: 'Ouyang Wen', names: { latin: 'Ouyang Wen', hanzi: '欧阳文', hanziFamily: '欧阳' } };
  const warned = (text: string, who: AttributionPerson[]) => check([text], who).warnings.map((w) => w.match);

  it('reads a guest speaker without the title the timetable gives them, and matches the bare name', () => {
    expect(guest).toEqual([{ id: null, displayName: 'Imogen Guestworth', affiliation: 'Hanbit Academy of International Affairs' }]);
    expect(guestSpeakerPeople('H.E. Amb. Seo Do-yun; Prof Jane Doe PhD, Institute of Strategy; 김민지 박사 (KIDA)').map((p) => p.displayName)).toEqual(['Seo Do-yun', 'Jane Doe', '김민지']);
    // Only titles: 'He' of He Wentao, 'Md' or 'Sen' are names ('Sen.' with its full stop is a senator).
    expect(guestSpeakerPeople('He Wentao; Aa Md; Sen Amartya; Sen. Jane Roe; Mr Li').map((p) => p.displayName)).toEqual(['He Wentao', 'Aa Md', 'Sen Amartya', 'Jane Roe', 'Li']);
    expect(matches('Imogen Guestworth said that…', guest)).toEqual(['Imogen Guestworth']);
    expect(matches('Dr. Guestworth said', guest)).toEqual(['Dr. Guestworth']);
  });

  it('finds initials with a family name, in both orders', () => {
    const jonathan: AttributionPerson = { id: null, displayName: 'Jonathan Ashby' };
    for (const who of [[ashby], [jonathan]]) {
      expect(matches('J. R. Ashby, J.R. Ashby, J Ashby, JR Ashby and Ashby, J. spoke; so did Ashby J.R.', who)).toEqual(['J. R. Ashby', 'J.R. Ashby', 'J Ashby', 'JR Ashby', 'Ashby, J.', 'Ashby J.R.']);
    }
    // Not another initial, not lower-case words, not 'Ashby, I think'.
    expect(matches('K. Ashby, an Ashby, Ashby, I think', [ashby])).toEqual([]);
    // A short family name needs the full stop: 'KR Li' is a country code and a word.
    expect(matches('X. Li and KR Li', [{ id: null, displayName: 'Xiaoming Li' }])).toEqual(['X. Li']);
    expect(matches('J.S. Yoon and Yoon J.S.', [yoon])).toEqual(['J.S. Yoon', 'Yoon J.S.']);
  });

  it('finds the distinctive part of an affiliation, not a generic one', () => {
    expect(matches('a Hanbit Academy study', guest)).toEqual(['Hanbit Academy']);
    expect(matches('the Sakuragaoka University campus', [morishita])).toEqual(['Sakuragaoka University']);
    // 'Korea Institute' or 'Demo Institute' alone is no institution.
    expect(matches('a Korea Institute report and the Demo Institute', [ashby, yoon])).toEqual([]);
  });

  it('finds a delegation named by its committee’s country, in four languages', () => {
    const kr = { ...yoon, committees: [{ code: 'KR', name: 'CSCAP-Korea', country: 'KR' }] };
    const cn = { id: null, displayName: 'He Wentao', committees: [{ code: 'CN', name: 'CSCAP-China', country: 'CN' }] };
    const jp = { ...morishita, committees: [{ code: 'JP', name: 'CSCAP-Japan', country: 'JP' }] };
    const who = [kr, cn, jp];
    expect(matches('The Korean delegation disagreed; Korean delegates and the delegation of the Republic of Korea too; Korea’s delegation agreed.', who)).toEqual(['Korean delegation', 'Korean delegates', 'delegation of the Republic of Korea', 'Korea’s delegation']);
    expect(matches('한국 대표단은 반대했다. 中国代表团表示同意。日本代表団は賛成した。the Chinese delegation, the delegation from Japan', who)).toEqual(['한국 대표단', '中国代表团', '日本代表団', 'Chinese delegation', 'delegation from Japan']);
    // The country alone, its peninsula, or another country's delegation is not the delegation.
    expect(matches('Korea, China and Japan; trust on the Korean Peninsula; the North Korean delegation; 韩国代表性企业; 한국 대표적 기업', who)).toEqual([]);
  });

  it('uses recorded family names: three-kanji, compound Korean and Chinese surnames with a title', () => {
    expect(matches('久保田氏と長谷川さんが発言した。', [kubota, hasegawa])).toEqual(['久保田氏', '長谷川さん']);
    expect(matches('남궁 교수와 欧阳教授', [namgung, ouyang])).toEqual(['남궁 교수', '欧阳教授']);
    // Without the record, the guess (久保) misses the title after 久保田.
    expect(matches('久保田氏が発言した。', [{ ...kubota, names: { kanji: '久保田慎吾' } }])).toEqual([]);
  });

  it('warns of a given name or a distinctive family name alone, not of common ones or words', () => {
    const harriet: AttributionPerson = { id: null, displayName: 'Harriet Osei-Lindqvist', names: { latin: 'Harriet Osei-Lindqvist', latinFamily: 'Osei-Lindqvist' } };
    const res = check(['Harriet thanked the hosts. Ashby disagreed, and Jonathan too.'], [harriet, ashby]);
    expect(res.findings).toEqual([]);
    expect(res.warnings.map((w) => ({ match: w.match, part: w.part, who: w.people.map((p) => p.displayName) }))).toEqual([
      { match: 'Harriet', part: 'given', who: ['Harriet Osei-Lindqvist'] },
      { match: 'Ashby', part: 'family', who: ['Jonathan R. Ashby'] },
      { match: 'Jonathan', part: 'given', who: ['Jonathan R. Ashby'] },
    ]);
    expect(res.warnings[0]?.key).toBe('0:text:0:7:harriet');
    // Lower case is a word ('harriet' is not written so as a name); common surnames are spared.
    expect(warned('a harriet; Kim, Lee, Moon and Wang; Yoon spoke', [harriet, yoon, { id: null, displayName: 'Kim Min-ji' }, { id: null, displayName: 'Wang Yi' }])).toEqual([]);
    // Kanji, hanzi and Hangul name parts of two characters or more.
    expect(warned('久保田は反対した。慎吾も。', [kubota])).toEqual(['久保田', '慎吾']);
    expect(warned('재석은 동의했다. 부재석', [yoon])).toEqual(['재석']);
    // A warning inside a finding is the finding's.
    expect(check(['Jonathan Ashby spoke.'], [ashby]).warnings).toEqual([]);
  });
});
