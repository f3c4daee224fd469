import { z } from 'zod';

/**
 * Rich text as the editor (Tiptap/ProseMirror) stores it, limited to what a proposal or a
 * report needs: paragraphs, lists, quotations, line breaks; bold, italic, underline, links.
 * Stored as JSON and rendered node by node, never as HTML, so nothing can inject markup.
 */
export type Mark = { type: 'bold' } | { type: 'italic' } | { type: 'underline' } | { type: 'link'; attrs: { href: string } };
export type InlineNode = { type: 'text'; text: string; marks?: Mark[] } | { type: 'hardBreak' };
export type BlockNode =
  | { type: 'paragraph'; content?: InlineNode[] }
  | { type: 'blockquote'; content: BlockNode[] }
  | { type: 'bulletList'; content: ListItem[] }
  | { type: 'orderedList'; attrs?: { start?: number }; content: ListItem[] };
export type ListItem = { type: 'listItem'; content: BlockNode[] };
export type RichText = { type: 'doc'; content: BlockNode[] };

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const ZMark: z.ZodType<Mark> = z.union([
  z.object({ type: z.enum(['bold', 'italic', 'underline']) }).strict(),
  z.object({ type: z.literal('link'), attrs: z.object({ href: z.string().max(2000).regex(SAFE_HREF, 'Links must be http(s) or mailto') }).strip() }).strip(),
]) as z.ZodType<Mark>;

const ZInline: z.ZodType<InlineNode> = z.union([
  z.object({ type: z.literal('text'), text: z.string().min(1).max(20_000), marks: z.array(ZMark).max(4).optional() }).strict(),
  z.object({ type: z.literal('hardBreak') }).strict(),
]);

const ZListItem: z.ZodType<ListItem> = z.lazy(() => z.object({ type: z.literal('listItem'), content: z.array(ZBlock).min(1).max(50) }).strict());

const ZBlock: z.ZodType<BlockNode> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('paragraph'), content: z.array(ZInline).max(500).optional() }).strict(),
    z.object({ type: z.literal('blockquote'), content: z.array(ZBlock).min(1).max(50) }).strict(),
    z.object({ type: z.literal('bulletList'), content: z.array(ZListItem).min(1).max(200) }).strict(),
    z.object({ type: z.literal('orderedList'), attrs: z.object({ start: z.number().int().min(0).max(10_000).optional() }).strip().optional(), content: z.array(ZListItem).min(1).max(200) }).strict(),
  ]),
);

const MAX_DEPTH = 8;
function depth(node: { content?: unknown[] }): number {
  return 1 + Math.max(0, ...((node.content ?? []) as { content?: unknown[] }[]).map((c) => (typeof c === 'object' && c ? depth(c) : 0)));
}

export const ZRichText: z.ZodType<RichText> = z
  .object({ type: z.literal('doc'), content: z.array(ZBlock).max(500) })
  .strict()
  .refine((doc) => depth(doc) <= MAX_DEPTH, 'Nested too deeply')
  .refine((doc) => JSON.stringify(doc).length <= 200_000, 'Too long');

/** A document of plain paragraphs, as a proposal's text arrives before anyone formats it. */
export function docFromParagraphs(paragraphs: readonly string[]): RichText {
  return { type: 'doc', content: paragraphs.map((p) => ({ type: 'paragraph', content: p ? [{ type: 'text', text: p }] : [] })) };
}

/** The text of each top-level block, for search, diffs and checks against a source text. */
export function blockTexts(doc: RichText): string[] {
  const inline = (nodes: InlineNode[] | undefined) => (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
  const block = (b: BlockNode): string =>
    b.type === 'paragraph' ? inline(b.content) : b.type === 'blockquote' ? b.content.map(block).join('\n') : b.content.map((li) => li.content.map(block).join('\n')).join('\n');
  return doc.content.map(block);
}

/** All the text of a document, blocks separated by blank lines. */
export const plainText = (doc: RichText) => blockTexts(doc).join('\n\n');

/** True when the document holds no text at all. */
export const isEmptyDoc = (doc: RichText) => plainText(doc).trim() === '';
