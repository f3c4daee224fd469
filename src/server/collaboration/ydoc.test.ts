import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DraftKinds, draftUniqueIds, numberBlocks } from '../../core/draft-structure';
import { blocksOf, blocksOfState, mergeStates, stateFromParagraphs, TIPTAP_FIELD } from './ydoc';

// The schema the web editor uses: StarterKit without its own history (Collaboration brings one).
const schema = getSchema([StarterKit.configure({ undoRedo: false })]);

/** Blocks without their uid and kind, for comparing text. */
const texts = (blocks: { type: string; text: string }[]) => blocks.map(({ type, text }) => ({ type, text }));

const docOf = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
};

describe('Yjs documents of drafts', () => {
  it('holds plain paragraphs in the layout Tiptap’s Collaboration extension reads', () => {
    const doc = docOf(stateFromParagraphs(['The region’s security structure differs.', 'First line\nSecond line', '', '한반도 신뢰 구축']));
    const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(TIPTAP_FIELD), schema);
    node.check();
    expect(node.toJSON()).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'The region’s security structure differs.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'First line' }, { type: 'hardBreak' }, { type: 'text', text: 'Second line' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: '한반도 신뢰 구축' }] },
      ],
    });
  });

  it('reads back what the editor wrote, block by block, lists and marks included', () => {
    const doc = prosemirrorJSONToYDoc(
      schema,
      {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Recommendation 1' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Establish ' }, { type: 'text', marks: [{ type: 'bold' }], text: 'hotlines' }, { type: 'text', text: '.' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'between militaries' }] }] }, { type: 'listItem', content: [{ type: 'paragraph' }] }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] },
        ],
      },
      TIPTAP_FIELD,
    );
    expect(texts(blocksOf(doc))).toEqual([
      { type: 'heading', text: 'Recommendation 1' },
      { type: 'paragraph', text: 'Establish hotlines.' },
      { type: 'paragraph', text: 'between militaries' },
      { type: 'paragraph', text: '' },
      { type: 'paragraph', text: 'a\nb' },
    ]);
    expect(texts(blocksOfState(stateFromParagraphs(['x', 'y\nz'])))).toEqual([
      { type: 'paragraph', text: 'x' },
      { type: 'paragraph', text: 'y\nz' },
    ]);
    expect(blocksOfState(stateFromParagraphs([]))).toEqual([]);
  });

  it('merges a stored state with a newer one without losing either side’s edits', () => {
    const base = stateFromParagraphs(['Common text.']);
    const a = docOf(base);
    const b = docOf(base);
    a.getXmlFragment(TIPTAP_FIELD).push([new Y.XmlElement('paragraph')]);
    ((a.getXmlFragment(TIPTAP_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'A: ');
    ((b.getXmlFragment(TIPTAP_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(12, ' B.');
    const merged = mergeStates(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b));
    expect(texts(blocksOfState(merged))).toEqual([
      { type: 'paragraph', text: 'A: Common text. B.' },
      { type: 'paragraph', text: '' },
    ]);
    // Merging what is already there changes nothing.
    expect(blocksOfState(mergeStates(merged, merged))).toEqual(blocksOfState(merged));
  });

  it('gives every paragraph a stable uid and its kind, which the editor’s schema keeps', () => {
    const state = stateFromParagraphs(['Preamble.', { text: 'Establish military hotlines.', kind: 'recommendation' }, { text: '', kind: 'text' }, { text: '해상 사고 방지 협정을 체결한다.', kind: 'recommendation' }]);
    const blocks = blocksOfState(state);
    expect(blocks.map((b) => b.kind)).toEqual(['text', 'recommendation', 'text', 'recommendation']);
    expect(new Set(blocks.map((b) => b.uid)).size).toBe(4);
    expect(blocks.every((b) => typeof b.uid === 'string' && /^[0-9a-f-]{36}$/.test(b.uid))).toBe(true);
    // Read through the schema the web editor uses, the attributes survive.
    const full = getSchema([StarterKit.configure({ undoRedo: false }), DraftKinds, draftUniqueIds({ collaborative: true })]);
    const node = yXmlFragmentToProseMirrorRootNode(docOf(state).getXmlFragment(TIPTAP_FIELD), full);
    node.check();
    const attrs = (node.toJSON().content as { attrs: { uid: string; kind: string } }[]).map((n) => n.attrs);
    expect(attrs).toEqual(blocks.map((b) => ({ uid: b.uid, kind: b.kind })));
    expect(numberBlocks(blocks).map((b) => [b.paragraph, b.recommendation])).toEqual([
      [1, null],
      [2, 1],
      [null, null],
      [3, 2],
    ]);
  });
});
