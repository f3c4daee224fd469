import { describe, expect, it } from 'vitest';
import { ZRichText } from '../../core/rich-text';
import { normalizeHref, toRichText } from './rich-text-json';

describe('toRichText', () => {
  it('keeps exactly the nodes and marks a proposal may hold', () => {
    const doc = toRichText({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'bold' }, { type: 'strike' }] }, { type: 'hardBreak' }, { type: 'text', text: 'plain' }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A pasted heading' }] },
        { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] }] },
        { type: 'blockquote', content: [] },
        { type: 'codeBlock', content: [{ type: 'text', text: 'code' }] },
      ],
    });
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'plain' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'A pasted heading' }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'code' }] },
      ],
    });
    expect(ZRichText.safeParse(doc).success).toBe(true);
  });

  it('keeps links to http(s) and mailto only, with nothing but their address', () => {
    const doc = toRichText({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'safe', marks: [{ type: 'link', attrs: { href: 'https://example.org', target: '_blank', rel: 'noopener', class: null } }] },
            { type: 'text', text: 'unsafe', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
      ],
    });
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'safe', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }, { type: 'text', text: 'unsafe' }] });
  });

  it('stores a document without text as empty', () => {
    expect(toRichText({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }] })).toEqual({ type: 'doc', content: [] });
  });
});

describe('normalizeHref', () => {
  it('completes addresses written without a scheme and refuses other schemes', () => {
    expect(normalizeHref('example.org/report')).toBe('https://example.org/report');
    expect(normalizeHref('secretariat@example.org')).toBe('mailto:secretariat@example.org');
    expect(normalizeHref('http://example.org')).toBe('http://example.org');
    expect(normalizeHref('javascript:alert(1)')).toBeNull();
    expect(normalizeHref('data:text/html,x')).toBeNull();
    expect(normalizeHref('   ')).toBeNull();
  });
});
