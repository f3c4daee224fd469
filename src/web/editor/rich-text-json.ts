import type { BlockNode, InlineNode, ListItem, Mark, RichText } from '../../core/rich-text';
import { isEmptyDoc } from '../../core/rich-text';

/** What the editor hands back: ProseMirror JSON (Tiptap's JSONContent, narrowed to what we read). */
export interface EditorJson {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: EditorJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** The only link targets a proposal may carry (src/core/rich-text.ts checks the same). */
export const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/**
 * 'example.org/x' → 'https://example.org/x', 'a@b.org' → 'mailto:a@b.org'; anything that
 * still is not http(s) or mailto (javascript:, data:, ftp:) → null.
 */
export function normalizeHref(input: string): string | null {
  const href = input.trim();
  if (!href) return null;
  if (SAFE_HREF.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href)) return `mailto:${href}`;
  if (/^[^\s/]+\.[^\s/]+/.test(href)) return `https://${href.replace(/^\/+/, '')}`;
  return null;
}

function marksOf(node: EditorJson): Mark[] {
  const out: Mark[] = [];
  for (const m of node.marks ?? []) {
    if ((m.type === 'bold' || m.type === 'italic' || m.type === 'underline') && !out.some((x) => x.type === m.type)) out.push({ type: m.type });
    if (m.type === 'link') {
      const href = typeof m.attrs?.href === 'string' ? m.attrs.href : '';
      if (SAFE_HREF.test(href) && href.length <= 2000 && !out.some((x) => x.type === 'link')) out.push({ type: 'link', attrs: { href } });
    }
  }
  return out;
}

function inline(nodes: EditorJson[] | undefined): InlineNode[] {
  const out: InlineNode[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (n.type === 'text' && n.text) {
      const marks = marksOf(n);
      out.push(marks.length ? { type: 'text', text: n.text, marks } : { type: 'text', text: n.text });
    } else if (n.content) out.push(...inline(n.content));
  }
  return out;
}

function paragraph(content: InlineNode[]): BlockNode {
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function blocks(nodes: EditorJson[] | undefined): BlockNode[] {
  const out: BlockNode[] = [];
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph':
        out.push(paragraph(inline(n.content)));
        break;
      case 'blockquote': {
        const inner = blocks(n.content);
        out.push({ type: 'blockquote', content: inner.length ? inner : [{ type: 'paragraph' }] });
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        const items: ListItem[] = (n.content ?? []).map((li) => {
          const inner = blocks(li.content);
          return { type: 'listItem', content: inner.length ? inner : [{ type: 'paragraph' }] };
        });
        if (!items.length) break;
        if (n.type === 'bulletList') out.push({ type: 'bulletList', content: items });
        else {
          const start = n.attrs?.start;
          out.push(typeof start === 'number' && Number.isInteger(start) && start !== 1 && start >= 0 ? { type: 'orderedList', attrs: { start }, content: items } : { type: 'orderedList', content: items });
        }
        break;
      }
      default:
        // Anything the proposal's format does not have (a heading pasted in, say) keeps its text as a paragraph.
        if (n.content) out.push(paragraph(inline(n.content)));
    }
  }
  return out;
}

/**
 * The editor's JSON as the stored rich text: only the nodes and marks of src/core/rich-text.ts,
 * links only to http(s) and mailto; a document with no text at all is stored empty.
 */
export function toRichText(json: EditorJson): RichText {
  const doc: RichText = { type: 'doc', content: blocks(json.content) };
  return isEmptyDoc(doc) ? { type: 'doc', content: [] } : doc;
}
