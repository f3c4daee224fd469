import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { DraftKinds } from '../../core/draft-structure';
import { collabUrl, initials, presentPeople, userColor } from './collab-user';
import { numberedBlocksOfDoc } from './draft-blocks';
import { lineView } from './line-view';

const schema = getSchema([StarterKit.configure({ undoRedo: false }), DraftKinds]);

function doc(blocks: { type?: string; text: string; kind?: string }[]) {
  return schema.nodeFromJSON({
    type: 'doc',
    content: blocks.map((b) => {
      const parts = b.text.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]);
      return b.type === 'heading' ? { type: 'heading', attrs: { level: 2 }, content: parts } : { type: 'paragraph', attrs: { kind: b.kind ?? 'text' }, content: parts };
    }),
  });
}

describe('the draft editor’s numbering', () => {
  it('numbers non-empty paragraphs and recommendations as src/core does, headings and empty paragraphs unnumbered', () => {
    const d = doc([{ type: 'heading', text: 'Preamble' }, { text: 'Recalling the first meeting' }, { text: '' }, { text: 'Establish a hotline', kind: 'recommendation' }, { text: '공동 훈련을 정례화한다', kind: 'recommendation' }]);
    const n = numberedBlocksOfDoc(d);
    expect(n.map((b) => [b.type, b.paragraph, b.recommendation])).toEqual([
      ['heading', null, null],
      ['paragraph', 1, null],
      ['paragraph', null, null],
      ['paragraph', 2, 1],
      ['paragraph', 3, 2],
    ]);
    expect(n[4]?.text).toBe('공동 훈련을 정례화한다');
  });

  it('reads a line break as \\n and numbers lines through the text at a fixed width, CJK counting two columns', () => {
    const ja = 'あ'.repeat(45); // 90 columns: two lines at 60
    const d = doc([{ text: 'one\ntwo' }, { text: ja }, { text: '가나다 '.repeat(20).trim() }]);
    const view = lineView(numberedBlocksOfDoc(d), 60);
    expect(view.map((v) => [v.firstLine, v.lines.length])).toEqual([
      [1, 2],
      [3, 2],
      [5, 3],
    ]);
    expect(view[1]?.lines[0]?.text).toBe('あ'.repeat(30));
    // Korean breaks between words (eojeol), never inside one.
    for (const line of view[2]?.lines ?? []) expect(line.text.split(' ').every((w) => w === '가나다')).toBe(true);
  });
});

describe('collaboration helpers', () => {
  it('gives each person a stable colour the caret extension accepts', () => {
    const a = userColor('0b9f6c1e-5f4a-4c1e-9a43-2b7e4f0c8d11');
    expect(a).toMatch(/^#[0-9a-f]{6}$/);
    expect(userColor('0b9f6c1e-5f4a-4c1e-9a43-2b7e4f0c8d11')).toBe(a);
    expect(userColor('7d1c2a3b-0000-4000-8000-000000000001')).not.toBe(a);
  });
  it('writes initials for Latin and CJK names', () => {
    expect(initials('Jonathan R. Ashby')).toBe('JR');
    expect(initials('서도윤')).toBe('서');
    expect(initials('')).toBe('?');
  });
  it('lists each person once, this person first', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: 'b', name: 'Seo Do-yun', color: '#123456' } }],
      [2, { user: { id: 'a', name: 'Jonathan R. Ashby', color: '#654321' } }],
      [3, { user: { id: 'b', name: 'Seo Do-yun', color: '#123456' } }],
      [4, {}],
    ]);
    expect(presentPeople(states, 3).map((p) => [p.name, p.self])).toEqual([
      ['Seo Do-yun', true],
      ['Jonathan R. Ashby', false],
    ]);
  });
  it('connects to /collab on the page’s origin', () => {
    expect(collabUrl('/collab', { protocol: 'https:', host: 'accord.example' })).toBe('wss://accord.example/collab');
    expect(collabUrl('/collab', { protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/collab');
  });
});
