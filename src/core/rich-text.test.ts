import { describe, expect, it } from 'vitest';
import { blockTexts, docFromParagraphs, isEmptyDoc, plainText, ZRichText } from './rich-text';

describe('rich text', () => {
  it('keeps paragraphs through the round trip', () => {
    const doc = docFromParagraphs(['First.', 'Second, with “quotes”.']);
    expect(ZRichText.parse(doc)).toEqual(doc);
    expect(blockTexts(doc)).toEqual(['First.', 'Second, with “quotes”.']);
    expect(plainText(doc)).toBe('First.\n\nSecond, with “quotes”.');
    expect(isEmptyDoc(docFromParagraphs(['  ']))).toBe(true);
  });

  it('accepts lists, quotations and marks, with safe links', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'See ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'the ARF', marks: [{ type: 'link', attrs: { href: 'https://example.org/arf' } }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph' }] },
      ],
    };
    expect(ZRichText.safeParse(doc).success).toBe(true);
    expect(blockTexts(ZRichText.parse(doc))).toEqual(['See the ARF', 'one', '']);
  });

  it('refuses scripts in links, unknown nodes, raw HTML and deep nesting', () => {
    const link = (href: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] }] });
    expect(ZRichText.safeParse(link('javascript:alert(1)')).success).toBe(false);
    expect(ZRichText.safeParse(link('data:text/html,<script>')).success).toBe(false);
    expect(ZRichText.safeParse({ type: 'doc', content: [{ type: 'html', html: '<script>alert(1)</script>' }] }).success).toBe(false);
    expect(ZRichText.safeParse({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', onclick: 'y' }] }] }).success).toBe(false);
    let deep: object = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
    for (let i = 0; i < 10; i++) deep = { type: 'blockquote', content: [deep] };
    expect(ZRichText.safeParse({ type: 'doc', content: [deep] }).success).toBe(false);
  });
});
