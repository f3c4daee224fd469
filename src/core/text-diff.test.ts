import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffParagraphs, diffText, diffTokens, similarity, tokenize, type DiffOp, type ParagraphDiff } from './text-diff';

/** The diff as one line: [-deleted-]{+inserted+}. */
const show = (ops: DiffOp[]) => ops.map((o) => (o.op === 'equal' ? o.text : o.op === 'delete' ? `[-${o.text}-]` : `{+${o.text}+}`)).join('');
const sideA = (ops: DiffOp[]) => ops.filter((o) => o.op !== 'insert').map((o) => o.text).join('');
const sideB = (ops: DiffOp[]) => ops.filter((o) => o.op !== 'delete').map((o) => o.text).join('');

describe('tokens', () => {
  it('keeps Latin words whole and makes every Han, kana and Hangul character a token', () => {
    expect(tokenize("The parties don't agree, yet.")).toEqual(['The', ' ', 'parties', ' ', "don't", ' ', 'agree', ',', ' ', 'yet', '.']);
    expect(tokenize('各方同意。')).toEqual(['各', '方', '同', '意', '。']);
    expect(tokenize('対話を再開')).toEqual(['対', '話', 'を', '再', '開']);
    expect(tokenize('협력을 강화')).toEqual(['협', '력', '을', ' ', '강', '화']);
    expect(tokenize('APEC首脳会議에서')).toEqual(['APEC', '首', '脳', '会', '議', '에', '서']);
    expect(tokenize('e\u0301te\u0301  3.5%')).toEqual(['e\u0301te\u0301', '  ', '3', '.', '5', '%']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('diffing a text', () => {
  it('shows a changed English word as the whole old word deleted and the new one inserted', () => {
    expect(diffText('The parties agreed to resume dialogue.', 'The parties agreed to suspend dialogue.')).toEqual([
      { op: 'equal', text: 'The parties agreed to ' },
      { op: 'delete', text: 'resume' },
      { op: 'insert', text: 'suspend' },
      { op: 'equal', text: ' dialogue.' },
    ]);
    // Not "analy[-s-]{+z+}e": a word is a token.
    expect(show(diffText('We analyse the data.', 'We analyze the data.'))).toBe('We [-analyse-]{+analyze+} the data.');
    expect(show(diffText('The group recommends.', 'The group recommended.'))).toBe('The group [-recommends-]{+recommended+}.');
    expect(show(diffText('The parties agree.', 'The parties fully agree.'))).toBe('The parties {+fully +}agree.');
  });

  it('changes only the characters of the eojeol that changed in a Korean sentence', () => {
    const a = '한국과 일본은 지역 안보 협력을 강화해야 한다.';
    const b = '한국과 일본은 지역 안보 협력을 확대해야 한다.';
    expect(diffText(a, b)).toEqual([
      { op: 'equal', text: '한국과 일본은 지역 안보 협력을 ' },
      { op: 'delete', text: '강화' },
      { op: 'insert', text: '확대' },
      { op: 'equal', text: '해야 한다.' },
    ]);
    // A particle changed: only the particle.
    expect(show(diffText('정부가 대화를 통해 문제를 해결해야 한다.', '정부는 대화를 통해 문제를 해결해야 한다.'))).toBe('정부[-가-]{+는+} 대화를 통해 문제를 해결해야 한다.');
    // Two changes a space apart read as one.
    expect(show(diffText('정부는 대화를 통해 문제를 해결해야 한다.', '정부는 대화를 통해 문제에 대응해야 한다.'))).toBe('정부는 대화를 통해 문제[-를 해결-]{+에 대응+}해야 한다.');
    expect(show(diffText('북한의 핵 문제를 논의했다.', '북한의 미사일 문제를 논의했다.'))).toBe('북한의 [-핵-]{+미사일+} 문제를 논의했다.');
  });

  it('changes one character of a Chinese sentence and inserts Japanese words where they go', () => {
    expect(diffText('各方应当加强区域合作。', '各方应当加深区域合作。')).toEqual([
      { op: 'equal', text: '各方应当加' },
      { op: 'delete', text: '强' },
      { op: 'insert', text: '深' },
      { op: 'equal', text: '区域合作。' },
    ]);
    expect(show(diffText('日本政府は、対話の再開を求めた。', '日本政府は、対話の早期再開を強く求めた。'))).toBe('日本政府は、対話の{+早期+}再開を{+強く+}求めた。');
  });

  it('does not chop a change around a space or a character that happened to stay', () => {
    expect(show(diffText('the quick brown fox', 'the slow red fox'))).toBe('the [-quick brown-]{+slow red+} fox');
    expect(show(diffText('双方应协调合作。', '双方应协商合并。'))).toBe('双方应协[-调合作-]{+商合并+}。');
    // An equal stretch longer than either change stays, and two changes far apart stay two.
    expect(show(diffText('Dogs bark at cats daily.', 'Wolves bark at strangers daily.'))).toBe('[-Dogs-]{+Wolves+} bark at [-cats-]{+strangers+} daily.');
    expect(show(diffText('The quick brown fox jumps over the lazy dog.', 'The quick brown cat jumps over the lazy hound.'))).toBe('The quick brown [-fox-]{+cat+} jumps over the lazy [-dog-]{+hound+}.');
  });

  it('handles empty and equal texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', '새 문단')).toEqual([{ op: 'insert', text: '새 문단' }]);
    expect(diffText('旧段落', '')).toEqual([{ op: 'delete', text: '旧段落' }]);
    expect(diffText('同じ文。', '同じ文。')).toEqual([{ op: 'equal', text: '同じ文。' }]);
    expect(diffText(' ', '  ')).toEqual([
      { op: 'delete', text: ' ' },
      { op: 'insert', text: '  ' },
    ]);
  });

  it('shows a replacement beyond the limits, keeping the common start and end', () => {
    const a = 'Preamble. one two three four five six. Signed.';
    const b = 'Preamble. uno dos tres cuatro cinco seis. Signed.';
    expect(diffText(a, b, { maxEdits: 4 })).toEqual([
      { op: 'equal', text: 'Preamble. ' },
      { op: 'delete', text: 'one two three four five six' },
      { op: 'insert', text: 'uno dos tres cuatro cinco seis' },
      { op: 'equal', text: '. Signed.' },
    ]);
    expect(diffText(a, b, { maxWork: 5 })).toEqual(diffText(a, b, { maxEdits: 4 }));
    // Within the limits, the detail (six words replaced around equal spaces, folded into one change).
    expect(diffTokens(tokenize(a), tokenize(b), { maxEdits: 12 })).not.toBeNull();
    expect(diffTokens(tokenize(a), tokenize(b), { maxEdits: 11 })).toBeNull();
  });

  it('works out up to 1000 token edits by default, and beyond shows a replacement', () => {
    // Each repetition changes one word: two token edits, with an equal stretch around it.
    const versions = (n: number) => ['alpha beta gamma delta. '.repeat(n), 'alpha BETA gamma delta. '.repeat(n)] as const;
    const [a500, b500] = versions(500);
    expect(diffTokens(tokenize(a500), tokenize(b500))).not.toBeNull();
    expect(diffText(a500, b500)).toHaveLength(3 * 500 + 1); // (equal, delete, insert) × 500, equal
    const [a501, b501] = versions(501);
    expect(diffTokens(tokenize(a501), tokenize(b501))).toBeNull();
    expect(diffText(a501, b501)).toEqual([
      { op: 'equal', text: 'alpha ' },
      { op: 'delete', text: a501.slice(6, -' gamma delta. '.length) },
      { op: 'insert', text: b501.slice(6, -' gamma delta. '.length) },
      { op: 'equal', text: ' gamma delta. ' },
    ]);
  });

  it('diffs 200 KB texts, in detail or as a whole replace', () => {
    const sentences = ['The parties agree to resume dialogue on maritime security. ', '各方同意恢复海上安全对话，并继续推动区域合作。', '양측은 해양 안보에 관한 대화를 재개하기로 합의하였다. ', '双方は海洋安全保障に関する対話の再開に合意した。'];
    const a = Array.from({ length: 5000 }, (_, i) => sentences[i % 4]).join('');
    expect(a.length).toBeGreaterThan(150_000);
    const b = a.replace(/maritime/g, (m, at: number) => (at % 7 === 0 ? 'naval' : m)).replace(/合作/g, (m, at: number) => (at % 5 === 0 ? '协作' : m));
    const unrelated = Array.from({ length: 5000 }, (_, i) => sentences[(i * 3 + 1) % 4]).join('').split('').reverse().join('');
    // Scattered edits are shown in detail; texts that share nothing fall back to a replacement.
    for (const [x, y, detailed] of [
      [a, b, true],
      [a, unrelated, false],
      ['ab '.repeat(60_000), 'ba '.repeat(60_000), false],
    ] as const) {
      const ops = diffText(x, y);
      expect(ops.length > 1000).toBe(detailed);
      expect(sideA(ops)).toBe(x);
      expect(sideB(ops)).toBe(y);
    }
  });
});

describe('diffing paragraphs', () => {
  it('aligns paragraphs kept, changed, deleted and inserted, then diffs the changed ones inside', () => {
    const a = ['Intro.', 'The parties agree to resume dialogue.', 'This paragraph goes.', '각 측은 협력을 강화한다.', 'End.'];
    const b = ['Intro.', 'The parties fully agree to resume dialogue.', '각 측은 협력을 확대한다.', 'A new paragraph, entirely different.', 'End.'];
    expect(diffParagraphs(a, b)).toEqual([
      { op: 'equal', a: 0, b: 0, text: 'Intro.' },
      {
        op: 'change',
        a: 1,
        b: 1,
        diff: [
          { op: 'equal', text: 'The parties ' },
          { op: 'insert', text: 'fully ' },
          { op: 'equal', text: 'agree to resume dialogue.' },
        ],
      },
      { op: 'delete', a: 2, text: 'This paragraph goes.' },
      {
        op: 'change',
        a: 3,
        b: 2,
        diff: [
          { op: 'equal', text: '각 측은 협력을 ' },
          { op: 'delete', text: '강화' },
          { op: 'insert', text: '확대' },
          { op: 'equal', text: '한다.' },
        ],
      },
      { op: 'insert', b: 3, text: 'A new paragraph, entirely different.' },
      { op: 'equal', a: 4, b: 4, text: 'End.' },
    ]);
  });

  it('pairs a changed paragraph with the one it is like, not the one in its place', () => {
    const a = ['会議は東京で開催された。', '参加者は十五名であった。'];
    const b = ['新しい段落を追加する。', '会議は大阪で開催された。', '参加者は十五名であった。'];
    expect(diffParagraphs(a, b).map((p) => [p.op, 'a' in p ? p.a : null, 'b' in p ? p.b : null])).toEqual([
      ['insert', null, 0],
      ['change', 0, 1],
      ['equal', 1, 2],
    ]);
    // The same across a larger block: every paragraph changed, one inserted before them all.
    const before = Array.from({ length: 20 }, (_, i) => `Section ${i}: the parties agree on item ${i}.`);
    const after = ['A new opening paragraph.', ...before.map((p) => p.replace('agree', 'disagree'))];
    expect(diffParagraphs(before, after).map((p) => [p.op, 'a' in p ? p.a : null, 'b' in p ? p.b : null])).toEqual([['insert', null, 0], ...before.map((_, i) => ['change', i, i + 1])]);
    expect(similarity('会議は東京で開催された。', '会議は大阪で開催された。')).toBeGreaterThan(0.8);
    expect(similarity('会議は東京で開催された。', '新しい段落を追加する。')).toBeLessThan(0.2);
    expect(similarity('', '')).toBe(1);
  });

  it('pairs a large block of rewritten paragraphs position by position', () => {
    const a = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} says the parties agree.`);
    const b = Array.from({ length: 120 }, (_, i) => (i === 60 ? 'Something else entirely.' : `Paragraph ${i} says the parties disagree.`));
    const result = diffParagraphs(a, b);
    expect(result.filter((p) => p.op === 'change').map((p) => ('a' in p ? p.a : -1))).toEqual([...Array(120).keys()].filter((i) => i !== 60));
    expect(result.slice(60, 62)).toEqual([
      { op: 'delete', a: 60, text: 'Paragraph 60 says the parties agree.' },
      { op: 'insert', b: 60, text: 'Something else entirely.' },
    ]);
  });

  it('handles empty documents and wholesale rewrites', () => {
    expect(diffParagraphs([], [])).toEqual([]);
    expect(diffParagraphs([], ['새 문단'])).toEqual([{ op: 'insert', b: 0, text: '새 문단' }]);
    expect(diffParagraphs(['旧'], [])).toEqual([{ op: 'delete', a: 0, text: '旧' }]);
    // Beyond the limits at paragraph level, the differing middle is paired in order.
    const ops = diffParagraphs(['A b c.', 'D e f.', 'G h i.'], ['A b x.', 'D e y.', 'G h z.'], { maxEdits: 2 });
    expect(ops.map((p) => p.op)).toEqual(['change', 'change', 'change']);
  });

  it('diffs a 200 KB document of 800 paragraphs in all four languages', () => {
    const sentences = ['The parties agree to resume dialogue on maritime security.', '各方同意恢复海上安全对话，并继续推动区域合作。', '양측은 해양 안보에 관한 대화를 재개하기로 합의하였다.', '双方は海洋安全保障に関する対話の再開に合意した。'];
    const a = Array.from({ length: 800 }, (_, i) => Array.from({ length: 6 }, (_, j) => sentences[(i + j) % 4]).join(' ') + ` (${i})`);
    const b = a.map((p, i) => (i % 9 === 0 ? p.replace('maritime', 'naval').replace('再開', '早期再開') : p)).filter((_, i) => i % 50 !== 7);
    b.splice(400, 0, 'An inserted paragraph.');
    const result = diffParagraphs(a, b);
    // 89 paragraphs changed, two of which (207, 657) were also deleted.
    expect(result.filter((p) => p.op === 'change')).toHaveLength(87);
    expect(result.filter((p) => p.op === 'delete')).toHaveLength(16);
    expect(result.filter((p) => p.op === 'insert')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const words = ['the', 'parties', 'agree', 'dialogue', ',', '.', ' ', ' ', '  ', '\n', '각', '측', '은', '협력', '을', '강화', '各', '方', '合作', '。', '対話', 'を', '再開', 'し', 'た', 'é', 'e\u0301'];
const text = fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((a) => a.join(''));
/** A second version made from the first by a few edits, as real revisions are. */
const revision = fc
  .tuple(text, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.array(fc.constantFrom(...words), { maxLength: 4 })), { maxLength: 4 }))
  .map(([a, edits]) => {
    let b = a;
    for (const [at, cut, insert] of edits) {
      const i = at % (b.length + 1);
      b = b.slice(0, i) + insert.join('') + b.slice(i + cut);
    }
    return [a, b] as const;
  });
const pair = fc.oneof(revision, fc.tuple(text, text));

/** The shortest edit script's length, by the textbook O(nm) table: what Myers must match. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = a[i - 1] === b[j - 1] ? (row[j - 1] as number) : 1 + Math.min(row[j] as number, next[j - 1] as number);
    row = next;
  }
  return row[b.length] as number;
}

describe('diffing: properties', () => {
  it('gives back both texts: equal and deleted make the first, equal and inserted the second', () => {
    fc.assert(
      fc.property(pair, fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), ([a, b], maxEdits) => {
        const ops = diffText(a, b, maxEdits === undefined ? {} : { maxEdits });
        expect(sideA(ops)).toBe(a);
        expect(sideB(ops)).toBe(b);
        ops.forEach((o, i) => {
          expect(o.text).not.toBe('');
          const next = ops[i + 1];
          if (next) expect(next.op).not.toBe(o.op);
          // Within a change the deletion comes first.
          if (o.op === 'insert') expect(next?.op).not.toBe('delete');
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('diffs a text against itself as one equal stretch', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'grapheme' })), (a) => {
        expect(diffText(a, a)).toEqual(a ? [{ op: 'equal', text: a }] : []);
        // And tokens: the text cut up and put back is the text.
        expect(tokenize(a).join('')).toBe(a);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds a shortest edit script over tokens (Myers)', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const ta = tokenize(a);
        const tb = tokenize(b);
        const runs = diffTokens(ta, tb);
        expect(runs).not.toBeNull();
        let edits = 0;
        let x = 0;
        let y = 0;
        for (const r of runs ?? []) {
          expect(r.n).toBeGreaterThan(0);
          expect([r.a, r.b]).toEqual([x, y]);
          if (r.op === 'equal') expect(ta.slice(x, x + r.n)).toEqual(tb.slice(y, y + r.n));
          if (r.op !== 'insert') x += r.n;
          if (r.op !== 'delete') y += r.n;
          if (r.op !== 'equal') edits += r.n;
        }
        expect([x, y]).toEqual([ta.length, tb.length]);
        expect(edits).toBe(editDistance(ta, tb));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the change to one Korean eojeol inside that eojeol', () => {
    const syllable = fc.constantFrom(...'한국일본지역안보협력을강화해야는데의견같이했다');
    const eojeol = fc.array(syllable, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(eojeol, { minLength: 1, maxLength: 10 }), fc.nat(), eojeol, (sentence, pick, replacement) => {
        const i = pick % sentence.length;
        fc.pre(sentence[i] !== replacement);
        const a = sentence.join(' ');
        const b = [...sentence.slice(0, i), replacement, ...sentence.slice(i + 1)].join(' ');
        const start = sentence.slice(0, i).join(' ').length + (i > 0 ? 1 : 0);
        let inA = 0;
        let inB = 0;
        for (const o of diffText(a, b)) {
          if (o.op !== 'insert') {
            if (o.op === 'delete') expect(inA >= start && inA + o.text.length <= start + (sentence[i] as string).length, `${a} → ${b}`).toBe(true);
            inA += o.text.length;
          }
          if (o.op !== 'delete') {
            if (o.op === 'insert') expect(inB >= start && inB + o.text.length <= start + replacement.length, `${a} → ${b}`).toBe(true);
            inB += o.text.length;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('diffs paragraphs so that both documents can be read back, in order', () => {
    const paragraphs = fc.array(fc.oneof(text, fc.constantFrom('Intro.', 'End.', '各方同意。')), { maxLength: 8 });
    const edited = fc.tuple(paragraphs, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.array(text, { maxLength: 2 })), { maxLength: 3 })).map(([a, edits]) => {
      const b = [...a];
      for (const [at, cut, insert] of edits) b.splice(at % (b.length + 1), cut, ...insert);
      return [a, b] as const;
    });
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(paragraphs, paragraphs)), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), ([a, b], maxEdits) => {
        const result: ParagraphDiff[] = diffParagraphs(a, b, maxEdits === undefined ? {} : { maxEdits });
        const readA: string[] = [];
        const readB: string[] = [];
        for (const p of result) {
          if (p.op === 'equal') {
            expect(a[p.a]).toBe(p.text);
            expect(b[p.b]).toBe(p.text);
            readA.push(p.text);
            readB.push(p.text);
          } else if (p.op === 'change') {
            expect(sideA(p.diff)).toBe(a[p.a]);
            expect(sideB(p.diff)).toBe(b[p.b]);
            readA.push(sideA(p.diff));
            readB.push(sideB(p.diff));
          } else if (p.op === 'delete') {
            expect(a[p.a]).toBe(p.text);
            readA.push(p.text);
          } else {
            expect(b[p.b]).toBe(p.text);
            readB.push(p.text);
          }
        }
        expect(readA).toEqual(a);
        expect(readB).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });
});
