import type { Node as PMNode } from '@tiptap/pm/model';
import { numberBlocks, type NumberedBlock } from '../../core/draft-structure';
import type { DraftBlock } from '../../core/drafts';

/**
 * The text of a ProseMirror text block as the server reads it from the Yjs document
 * (src/server/collaboration/ydoc.ts `blocksOf`): its text, a line break as '\n'.
 */
export function blockText(node: PMNode): string {
  return node.textBetween(0, node.content.size, undefined, (leaf) => (leaf.type.name === 'hardBreak' ? '\n' : ''));
}

/**
 * The document's blocks in order, as the server lists them for exports, amendments and
 * positions: every text block (paragraph, heading), lists and quotations flattened into their
 * paragraphs. `pos` is where each block starts in the editor's document.
 */
export function blocksOfDoc(doc: PMNode): (DraftBlock & { pos: number })[] {
  const out: (DraftBlock & { pos: number })[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const uid = node.attrs.uid as unknown;
    out.push({
      type: node.type.name,
      text: blockText(node),
      uid: typeof uid === 'string' && uid ? uid : null,
      kind: node.attrs.kind === 'recommendation' ? 'recommendation' : 'text',
      pos,
    });
    return false;
  });
  return out;
}

/** Paragraph (¶) and recommendation (R) numbers of the editor's document, with each block's position. */
export function numberedBlocksOfDoc(doc: PMNode): (NumberedBlock & { pos: number })[] {
  const blocks = blocksOfDoc(doc);
  const numbered = numberBlocks(blocks);
  return numbered.map((b, i) => ({ ...b, pos: (blocks[i] as { pos: number }).pos }));
}
