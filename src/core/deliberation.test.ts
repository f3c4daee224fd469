import { describe, expect, it } from 'vitest';
import { amendedLines, amendmentActions, compareBlocks, comparisonCounts, ZCreateThread, ZProposeAmendment } from './deliberation';
import type { DraftBlock } from './drafts';

import { DRAFT_LINE_WIDTH, lineAt, numberLines } from './text-lines';

const p = (text: string, uid: string | null, kind: DraftBlock['kind'] = 'text'): DraftBlock => ({ type: 'paragraph', text, uid, kind });
const shape = (rows: ReturnType<typeof compareBlocks>) => rows.map((r) => [r.op, r.before?.text ?? null, r.after?.text ?? null, r.moved]);

describe('compareBlocks', () => {
  it('compares a paragraph with its own earlier text by uid, even when it was rewritten beyond recognition', () => {
    const rows = compareBlocks([p('Alpha beta gamma.', 'a'), p('Delta.', 'b')], [p('Entirely different words now.', 'a'), p('Delta.', 'b')]);
    expect(shape(rows)).toEqual([
      ['change', 'Alpha beta gamma.', 'Entirely different words now.', false],
      ['equal', 'Delta.', 'Delta.', false],
    ]);
  });

  it('shows a moved paragraph once, where it now stands, marked as moved', () => {
    const rows = compareBlocks([p('One.', 'a'), p('Two.', 'b'), p('Three.', 'c')], [p('Three.', 'c'), p('One.', 'a'), p('Two.', 'b')]);
    expect(shape(rows)).toEqual([
      ['equal', 'Three.', 'Three.', true],
      ['equal', 'One.', 'One.', false],
      ['equal', 'Two.', 'Two.', false],
    ]);
    expect(comparisonCounts(rows)).toEqual({ changed: 0, deleted: 0, inserted: 0, moved: 1 });
  });

  it('aligns text without uids (written before them) by its words, pairing alike paragraphs', () => {
    const rows = compareBlocks([p('Keep this.', null), p('Establish military hotlines.', null), p('Drop this one.', null)], [p('Keep this.', null), p('Establish naval hotlines.', null), p('A new idea.', 'n')]);
    expect(shape(rows)).toEqual([
      ['equal', 'Keep this.', 'Keep this.', false],
      ['change', 'Establish military hotlines.', 'Establish naval hotlines.', false],
      ['delete', 'Drop this one.', null, false],
      ['insert', null, 'A new idea.', false],
    ]);
  });

  it('numbers each side on its own, and counts a change of kind as a change', () => {
    const rows = compareBlocks([p('Intro.', 'i'), p('Do this.', 'r', 'text')], [p('Do this.', 'r', 'recommendation')]);
    expect(rows.map((r) => [r.op, r.before && [r.before.paragraph, r.before.recommendation], r.after && [r.after.paragraph, r.after.recommendation]])).toEqual([
      ['delete', [1, null], null],
      ['change', [2, null], [1, 1]],
    ]);
    expect(rows[1]?.diff).toEqual([{ op: 'equal', text: 'Do this.' }]);
  });

  it('does not trust a uid found twice on a side (a paste that kept it): those paragraphs are aligned by text', () => {
    const rows = compareBlocks([p('Copied.', 'd')], [p('Copied.', 'd'), p('Copied, changed.', 'd')]);
    expect(shape(rows)).toEqual([
      ['equal', 'Copied.', 'Copied.', false],
      ['insert', null, 'Copied, changed.', false],
    ]);
  });

  it('diffs Chinese character by character', () => {
    const [row] = compareBlocks([p('加强区域合作。', 'z')], [p('深化区域合作。', 'z')]);
    expect(row?.diff).toEqual([
      { op: 'delete', text: '加强' },
      { op: 'insert', text: '深化' },
      { op: 'equal', text: '区域合作。' },
    ]);
  });
});

describe('the deliberation schemas', () => {
  it('wants exactly one of the paragraph and the paragraph a new one follows, and text for a new one', () => {
    const base = { versionId: crypto.randomUUID(), proposedText: 'x', rationale: 'y' };
    expect(ZProposeAmendment.safeParse({ ...base, blockUid: 'a' }).success).toBe(true);
    expect(ZProposeAmendment.safeParse({ ...base, blockUid: 'a', proposedText: '' }).success).toBe(true);
    expect(ZProposeAmendment.safeParse(base).success).toBe(false);
    expect(ZProposeAmendment.safeParse({ ...base, blockUid: 'a', afterUid: 'b' }).success).toBe(false);
    expect(ZProposeAmendment.safeParse({ ...base, afterUid: 'b', proposedText: ' ' }).success).toBe(false);
    expect(ZCreateThread.safeParse({ blockUid: 'a', start: 4, end: 2, body: 'x' }).success).toBe(false);
  });

  it('lets the co-chairs decide open amendments and the proposer withdraw theirs', () => {
    const open = { status: 'open', proposedBy: 'me' };
    expect(amendmentActions(open, { id: 'me', canDecide: false, canAmend: true })).toEqual(['withdraw']);
    expect(amendmentActions(open, { id: 'chair', canDecide: true, canAmend: true })).toEqual(['accept', 'reject', 'merge']);
    expect(amendmentActions({ ...open, status: 'accepted' }, { id: 'me', canDecide: true, canAmend: true })).toEqual([]);
  });
});

describe('the lines an amendment cites', () => {
  const long = 'Member committees should encourage their governments to open hotlines between coast guards, to notify each other of major exercises, and to meet each year.';
  const texts = ['Preamble on the region.', long, 'Closing words.'];
  const lines = numberLines(texts, DRAFT_LINE_WIDTH);

  it('cites the lines the change touches in the amended version, numbered through the text', () => {
    const second = lines[1] as NonNullable<(typeof lines)[number]>;
    expect(second.lineCount).toBeGreaterThanOrEqual(3);
    // A word on the paragraph's second line (line 3 of the text).
    const word = 'notify';
    expect(lineAt(second.lines, long.indexOf(word))).toBe(1);
    expect(amendedLines(texts, 1, { insert: false, originalText: long, proposedText: long.replace(word, 'inform') })).toEqual({ first: second.firstLine + 1, last: second.firstLine + 1 });
    // From its first line to its last when it changes both ends.
    expect(amendedLines(texts, 1, { insert: false, originalText: long, proposedText: `All ${long.replace('each year.', 'twice a year.')}` })).toEqual({ first: second.firstLine, last: second.firstLine + second.lineCount - 1 });
    // A new paragraph comes after the last line of the one it follows.
    expect(amendedLines(texts, 1, { insert: true, originalText: '', proposedText: 'New.' })).toEqual({ first: null, last: second.firstLine + second.lineCount - 1 });
    // Deleting the paragraph cites all of it.
    expect(amendedLines(texts, 2, { insert: false, originalText: 'Closing words.', proposedText: '' })).toEqual({ first: 5, last: 5 });
  });
});
