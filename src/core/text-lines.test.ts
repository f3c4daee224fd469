import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, codePointWidth, lineAt, numberLines, textWidth, type Line } from './text-lines';

const texts = (text: string, width: number) => breakLines(text, width).map((l) => l.text);

describe('widths', () => {
  it('counts East Asian wide and fullwidth characters two columns, combining marks none', () => {
    expect(textWidth('Accord')).toBe(6);
    expect(textWidth('日本語')).toBe(6); // Han
    expect(textWidth('ひらがなカタカナ')).toBe(16); // kana
    expect(textWidth('한국어')).toBe(6); // Hangul syllables
    expect(textWidth('、。「」（）！？')).toBe(16); // fullwidth punctuation
    expect(textWidth('ＡＢＣ１２３')).toBe(12); // fullwidth forms
    expect(textWidth('ｱｲｳ')).toBe(3); // halfwidth katakana stay narrow
    expect(textWidth('e\u0301te\u0301')).toBe(3); // été, decomposed: the accents take no room
    expect(textWidth('\u1112\u1161\u11ab')).toBe(2); // 한 spelled in jamo is one wide character
    expect(textWidth('🇰🇷')).toBe(1); // a flag is one grapheme (regional indicators are narrow)
    expect(textWidth('👩\u200d🔬')).toBe(2); // a ZWJ sequence is one wide grapheme
    expect(textWidth('')).toBe(0);
    expect([0x41, 0x300, 0x200b, 0x4e00, 0xac00, 0xff01, 0x20000, 0x3000, 0x303f].map(codePointWidth)).toEqual([1, 0, 0, 2, 2, 2, 2, 2, 1]);
  });
});

describe('breaking lines', () => {
  it('breaks an English sentence at spaces, the spaces at a break belonging to no line', () => {
    const text = 'The study group recommends that the parties resume dialogue.';
    expect(texts(text, 20)).toEqual(['The study group', 'recommends that the', 'parties resume', 'dialogue.']);
    const lines = breakLines(text, 20);
    expect(lines[0]).toEqual({ start: 0, end: 15, text: 'The study group' });
    expect(lines[1]).toEqual({ start: 16, end: 35, text: 'recommends that the' });
    expect(texts(text, 200)).toEqual([text]);
  });

  it('breaks Chinese between any two characters, keeping the comma and full stop off the start of a line', () => {
    expect(texts('中国代表团认为，各方应当继续推动区域合作。', 16)).toEqual(['中国代表团认为，', '各方应当继续推动', '区域合作。']);
    // Eight characters fit in 16 columns; the ninth, a comma, may not start a line, so 各 goes with
    // it, and so does 动 with the full stop.
    expect(texts('中国代表团认为各，应当继续推动。', 16)).toEqual(['中国代表团认为', '各，应当继续推', '动。']);
  });

  it('pushes a Japanese closing mark to the next line with the character before it, and an opening bracket forward', () => {
    // 10 columns are five characters: 。 would start the second line, so 了 moves down with it.
    expect(texts('会議は終了。次回は未定。', 10)).toEqual(['会議は終', '了。次回は', '未定。']);
    // 「 would end the first line: it moves to the next; 」 would start the third: 成 comes along.
    expect(texts('これは「信頼醸成」です', 8)).toEqual(['これは', '「信頼醸', '成」です']);
    // Small kana and the prolonged sound mark do not start a line either.
    expect(texts('あコーヒー', 4)).toEqual(['あ', 'コー', 'ヒー']);
    expect(texts('あいうちょっと', 6)).toEqual(['あいう', 'ちょっ', 'と']);
    expect(texts('あいうえちょっと', 6)).toEqual(['あいう', 'え', 'ちょっ', 'と']);
    // When nothing else fits a line, the rule gives way: four characters that all bind together.
    expect(texts('「あ」。', 4)).toEqual(['「あ', '」。']);
  });

  it('breaks Korean at the spaces between eojeol, and inside one only when it is longer than a line', () => {
    const text = '한국과 일본은 지역 안보 협력을 강화해야 한다는 데 의견을 같이했다.';
    expect(texts(text, 20)).toEqual(['한국과 일본은 지역', '안보 협력을 강화해야', '한다는 데 의견을', '같이했다.']);
    // No eojeol is cut: every line holds whole words of the sentence.
    const words = new Set(text.split(' '));
    for (const w of [12, 14, 16, 18, 24]) for (const line of texts(text, w)) for (const word of line.split(' ')) expect(words.has(word), `${word} at width ${w}`).toBe(true);
    // A 15-syllable name, 30 columns, on 10-column lines.
    expect(texts('대한민국국회의원선거관리위원회', 10)).toEqual(['대한민국국', '회의원선거', '관리위원회']);
    expect(texts('위원 대한민국국회의원선거관리위원회 의결', 10)).toEqual(['위원', '대한민국국', '회의원선거', '관리위원회', '의결']);
    // Korean with Han characters or a Latin word attached: still one eojeol.
    expect(texts('가 韓國의 입장', 6)).toEqual(['가', '韓國의', '입장']);
    expect(texts('APEC에서 논의', 8)).toEqual(['APEC에서', '논의']);
    expect(texts('韓國 日本', 2)).toEqual(['韓', '國', '日', '本']); // Han alone breaks, as in Chinese and Japanese
  });

  it('breaks between Latin and CJK text written together, as Japanese and Chinese allow', () => {
    expect(texts('APEC首脳会議', 5)).toEqual(['APEC', '首脳', '会議']);
    expect(texts('2024年の報告書', 8)).toEqual(['2024年の', '報告書']);
    // After a space too, CJK text fills the line rather than moving down whole like a word.
    expect(texts('Japan 日本語の文章', 10)).toEqual(['Japan 日本', '語の文章']);
    expect(texts('见 Accord 项目。', 10)).toEqual(['见 Accord', '项目。']);
  });

  it('splits a word longer than the line, and only such a word', () => {
    expect(texts('supercalifragilisticexpialidocious word', 10)).toEqual(['supercalif', 'ragilistic', 'expialidoc', 'ious word']);
    expect(texts('see https://example.org/a/very/long/path/to/a/paper.pdf now', 20)).toEqual(['see', 'https://example.org/', 'a/very/long/path/to/', 'a/paper.pdf now']);
    // A word that fits on a line of its own moves there whole.
    expect(texts('an intergovernmental body', 18)).toEqual(['an', 'intergovernmental', 'body']);
  });

  it('handles the edges: empty text, width 1, exact fits, spaces, newlines, graphemes', () => {
    expect(breakLines('', 10)).toEqual([{ start: 0, end: 0, text: '' }]);
    expect(texts('   ', 10)).toEqual(['   ']);
    // Width 1: a wide character is alone on its line (the only way), a Latin word is cut letter by letter.
    expect(texts('日本', 1)).toEqual(['日', '本']);
    expect(texts('ab c', 1)).toEqual(['a', 'b', 'c']);
    expect(texts('abc def', 7)).toEqual(['abc def']);
    expect(texts('abc def', 6)).toEqual(['abc', 'def']);
    expect(texts('日本語', 6)).toEqual(['日本語']);
    expect(texts('日本語', 5)).toEqual(['日本', '語']);
    // Spaces at a break take no room; many of them are one gap.
    expect(breakLines('abc     def', 5)).toEqual([
      { start: 0, end: 3, text: 'abc' },
      { start: 8, end: 11, text: 'def' },
    ]);
    // A newline always ends a line; spaces before it fall in the gap, after it they indent.
    expect(breakLines('a\n\nb  \n c', 10)).toEqual([
      { start: 0, end: 1, text: 'a' },
      { start: 2, end: 2, text: '' },
      { start: 3, end: 4, text: 'b' },
      { start: 7, end: 9, text: ' c' },
    ]);
    expect(texts('a\r\nb', 10)).toEqual(['a', 'b']);
    expect(texts('end\n', 10)).toEqual(['end', '']);
    // Accents stay with their letter; a no-break space holds its neighbours together.
    expect(texts('e\u0301e\u0301', 1)).toEqual(['e\u0301', 'e\u0301']);
    expect(texts('か\u3099ー', 2)).toEqual(['か\u3099', 'ー']); // が with a combining voiced mark is one character
    expect(texts('at 10\u00a0km', 6)).toEqual(['at', '10\u00a0km']);
    expect(texts('at 10 km', 6)).toEqual(['at 10', 'km']);
    expect(texts('日本\u00a0語', 6)).toEqual(['日', '本\u00a0語']);
    expect(texts('10\u00a0km', 3)).toEqual(['10\u00a0', 'km']); // longer than a line: split like a word
    expect(texts('a 👩\u200d🔬👩\u200d🔬', 2)).toEqual(['a', '👩\u200d🔬', '👩\u200d🔬']);
  });

  it('refuses a width that is not a positive whole number', () => {
    for (const w of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => breakLines('text', w)).toThrow(RangeError);
  });
});

describe('numbering lines', () => {
  it('numbers lines across paragraphs, an empty paragraph taking one line', () => {
    const paragraphs = ['The study group recommends that the parties resume dialogue.', '', '中国代表团认为，各方应当继续推动区域合作。', 'End.'];
    const numbered = numberLines(paragraphs, 20);
    expect(numbered.map((p) => [p.firstLine, p.lineCount])).toEqual([
      [1, 4],
      [5, 1],
      [6, 3],
      [9, 1],
    ]);
    // Ten characters to a line; the full stop takes 作 along.
    expect(numbered[2]?.lines.map((l) => l.text)).toEqual(['中国代表团认为，各方', '应当继续推动区域合', '作。']);
    expect(numberLines(paragraphs, 20, 101).map((p) => p.firstLine)).toEqual([101, 105, 106, 109]);
    expect(numberLines([], 20)).toEqual([]);
  });

  it('finds the line of an offset, the gap of a break going with the line before', () => {
    const text = 'The study group recommends that the parties resume dialogue.';
    const lines = breakLines(text, 20); // 0-15 | 16-35 | 36-50 | 51-60, the text's length
    expect(lineAt(lines, 0)).toBe(0);
    expect(lineAt(lines, 14)).toBe(0);
    expect(lineAt(lines, 15)).toBe(0); // after "group", on the space of the break
    expect(lineAt(lines, 16)).toBe(1);
    expect(lineAt(lines, text.indexOf('parties'))).toBe(2);
    expect(lineAt(lines, text.length)).toBe(3);
    // "paragraph 1, line 2" names the second line of the numbering
    const [first] = numberLines([text], 20);
    expect((first as { firstLine: number }).firstLine + lineAt(lines, text.indexOf('that'))).toBe(2);
    for (const bad of [-1, text.length + 1, 1.5]) expect(() => lineAt(lines, bad)).toThrow(RangeError);
    expect(() => lineAt([], 0)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. The alphabet is the test's own, with its own widths and kinsoku classes, so the
// properties do not take the module's word for them.

const NARROW = 'abcdefghijXYZ0123.,;:!?()-';
const WIDE = '日本語中国韓議会協力あいうかなアイウカナ、。，．！？「」『』（）【】ー々ぁっゃょァッャ';
const HANGUL = '한국어협력을강화해야';
const NO_START = new Set('、。，．！？」』）】ー々ぁっゃょァッャ.,;:!?)');
const NO_END = new Set('「『（【(');
const width = (s: string) => [...s].reduce((w, c) => w + (NARROW.includes(c) || c === ' ' ? 1 : 2), 0);
const isSpace = (c: string | undefined) => c === ' ' || c === '\n';

const char = fc.constantFrom(...NARROW, ...WIDE, ...HANGUL);
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.array(char, { minLength: 1, maxLength: 12 }).map((a) => a.join('')) },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '  ') },
  { weight: 1, arbitrary: fc.constant('\n') },
);
const text = fc.array(piece, { maxLength: 25 }).map((a) => a.join(''));
const lineWidth = fc.integer({ min: 1, max: 30 });

/** The offsets at which a line starts after a newline (or the text's start): no rule applies there. */
const hardStart = (t: string, line: Line) => line.start === 0 || t[line.start - 1] === '\n';

describe('breaking lines: properties', () => {
  it('keeps every character: the lines and the whitespace between them are the text', () => {
    fc.assert(
      fc.property(text, lineWidth, (t, w) => {
        const lines = breakLines(t, w);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines[0]?.start).toBe(0);
        expect(lines[lines.length - 1]?.end).toBe(t.length);
        let rebuilt = '';
        lines.forEach((l, i) => {
          expect(l.text).toBe(t.slice(l.start, l.end));
          expect(l.start).toBeLessThanOrEqual(l.end);
          const next = lines[i + 1];
          const gap = next ? t.slice(l.end, next.start) : '';
          expect(gap).toMatch(/^\s*$/);
          rebuilt += l.text + gap;
        });
        expect(rebuilt).toBe(t);
        // As many line ends inside as newlines in the text, at least.
        expect(lines.length).toBeGreaterThanOrEqual(t.split('\n').length);
      }),
      { numRuns: 2000 },
    );
  });

  it('never exceeds the width, except with a single character wider than the line', () => {
    fc.assert(
      fc.property(text, lineWidth, (t, w) => {
        for (const l of breakLines(t, w)) {
          const content = l.text.replace(/\s+$/, '');
          if (width(content) > w) expect([...content.trim()], JSON.stringify(l.text)).toHaveLength(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('starts no line with a closing mark and ends none with an opening one, unless the line before leaves no other point', () => {
    let forced = 0;
    fc.assert(
      fc.property(text, lineWidth, (t, w) => {
        const lines = breakLines(t, w);
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i] as Line;
          const before = lines[i - 1] as Line;
          if (hardStart(t, line) || before.text === '') continue;
          const first = [...line.text][0] as string;
          const last = [...before.text].at(-1) as string;
          if (!NO_START.has(first) && !NO_END.has(last)) continue;
          forced++;
          // Forced: every point inside the line before is as bad (a closing mark after it or an
          // opening one before it), so moving the break earlier would not help.
          const chars = [...before.text];
          for (let j = 1; j < chars.length; j++) {
            const after = chars.slice(j).find((c) => !isSpace(c));
            const prior = chars.slice(0, j).reverse().find((c) => !isSpace(c));
            if (after === undefined || prior === undefined) continue;
            expect(NO_START.has(after) || NO_END.has(prior), `${JSON.stringify(before.text)} | ${JSON.stringify(line.text)} at ${w}`).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
    // Random text does run into the rule's limits; the property was tested, not skipped.
    expect(forced).toBeGreaterThan(0);
  });

  it('breaks inside a Latin word or a Korean eojeol only when it is wider than the line', () => {
    const latinWord = fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 1, maxLength: 14 });
    const eojeol = fc.array(fc.constantFrom(...HANGUL), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    const sentence = fc.array(fc.oneof(latinWord, eojeol), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(sentence, lineWidth, (words, w) => {
        const t = words.join(' ');
        const lines = breakLines(t, w);
        for (let i = 1; i < lines.length; i++) {
          const at = (lines[i] as Line).start;
          if (isSpace(t[at - 1])) continue; // a break at a space
          // A break inside a word: the word must not fit on a line.
          const start = t.lastIndexOf(' ', at) + 1;
          const end = t.indexOf(' ', at) < 0 ? t.length : t.indexOf(' ', at);
          expect(width(t.slice(start, end)), `${t.slice(start, end)} at ${w}`).toBeGreaterThan(w);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every offset on the line that holds it, and numbers paragraphs one after another', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), lineWidth, fc.integer({ min: 1, max: 100 }), (paragraphs, w, from) => {
        const numbered = numberLines(paragraphs, w, from);
        let next = from;
        numbered.forEach((p, i) => {
          const t = paragraphs[i] as string;
          expect(p.firstLine).toBe(next);
          expect(p.lines).toEqual(breakLines(t, w));
          expect(p.lineCount).toBe(p.lines.length);
          next += p.lineCount;
          for (let offset = 0; offset <= t.length; offset++) {
            const k = lineAt(p.lines, offset);
            const line = p.lines[k] as Line;
            const following = p.lines[k + 1];
            expect(line.start).toBeLessThanOrEqual(offset);
            expect(following === undefined || offset < following.start).toBe(true);
          }
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('breaking lines: size', () => {
  it('breaks and numbers a 200 KB document', () => {
    const sentence = ['The parties agree to resume dialogue on maritime security.', '各方同意恢复海上安全对话，并继续推动区域合作。', '양측은 해양 안보에 관한 대화를 재개하기로 합의하였다.', '双方は海洋安全保障に関する対話の再開に合意した。'];
    const paragraphs = Array.from({ length: 800 }, (_, i) => Array.from({ length: 6 }, (_, j) => sentence[(i + j) % 4]).join(' '));
    expect(paragraphs.join('\n').length).toBeGreaterThan(150_000);
    const numbered = numberLines(paragraphs, 60);
    const whole = breakLines(paragraphs.join(' '), 60);
    expect(numbered.at(-1)?.firstLine).toBeGreaterThan(800 * 3);
    expect(whole.length).toBeGreaterThan(800 * 3);
  });
});
