import { describe, expect, it } from 'vitest';
import { blockTexts, type RichText } from '../../../../core/rich-text';
import { checkAttribution } from '../../../../core/attribution';
import { pointAt, type Piece } from './highlight';

/** Pieces as the DOM walk would give them for the text "Dr. Yoon | said" + <br> + "…" — nodes named by strings. */
const pieces: Piece<string>[] = [
  { kind: 'text', node: 'a', length: 4 }, // 'Dr. '
  { kind: 'text', node: 'b', length: 4 }, // 'Yoon' (bold)
  { kind: 'text', node: 'c', length: 5 }, // ' said'
  { kind: 'break', node: 'br' },
  { kind: 'text', node: 'd', length: 3 }, // 'yes'
  { kind: 'gap' },
  { kind: 'text', node: 'e', length: 6 }, // 'second'
];

describe('mapping a finding’s offsets back to the DOM', () => {
  it('finds a start and an end inside text nodes, across marks', () => {
    expect(pointAt(pieces, 0, false)).toEqual({ node: 'a', offset: 0 });
    expect(pointAt(pieces, 8, true)).toEqual({ node: 'b', offset: 4 });
    expect(pointAt(pieces, 4, false)).toEqual({ node: 'b', offset: 0 });
    expect(pointAt(pieces, 4, true)).toEqual({ node: 'a', offset: 4 });
  });

  it('counts a line break as one character, and the gap between paragraphs too', () => {
    expect(pointAt(pieces, 14, false)).toEqual({ node: 'd', offset: 0 });
    expect(pointAt(pieces, 13, false)).toEqual({ before: 'br' });
    expect(pointAt(pieces, 14, true)).toEqual({ after: 'br' });
    expect(pointAt(pieces, 18, false)).toEqual({ node: 'e', offset: 0 });
    expect(pointAt(pieces, 17, false)).toEqual({ node: 'e', offset: 0 });
    expect(pointAt(pieces, 18, true)).toEqual({ node: 'd', offset: 3 });
    expect(pointAt(pieces, 24, true)).toEqual({ node: 'e', offset: 6 });
    expect(pointAt(pieces, 24, false)).toBeNull();
  });

  it('agrees with blockTexts: a list’s items are joined by one character each', () => {
    const doc: RichText = {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First point.' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '오세린 박사가 말했다.' }] }] },
          ],
        },
      ],
    };
    const [finding] = checkAttribution(doc, [{ id: 'x', displayName: 'Oh Se-rin', names: { latin: 'Oh Se-rin', hangul: '오세린' } }], 'chatham_house').findings;
    expect(finding).toBeDefined();
    const text = blockTexts(doc)[0] as string;
    const listPieces: Piece<string>[] = [
      { kind: 'text', node: 'first', length: 'First point.'.length },
      { kind: 'gap' },
      { kind: 'text', node: 'second', length: '오세린 박사가 말했다.'.length },
    ];
    const start = pointAt(listPieces, finding?.start ?? -1, false);
    const end = pointAt(listPieces, finding?.end ?? -1, true);
    expect(start).toEqual({ node: 'second', offset: 0 });
    expect(text.slice(finding?.start, finding?.end)).toBe(finding?.match);
    expect(end && 'offset' in end ? '오세린 박사가 말했다.'.slice(0, end.offset) : '').toBe(finding?.match);
  });
});
