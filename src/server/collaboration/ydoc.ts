import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import type { BlockKind } from '../../core/draft-structure';
import type { DraftBlock } from '../../core/drafts';

/** The XmlFragment that @tiptap/extension-collaboration binds the editor to (its `field` option). */
export const TIPTAP_FIELD = 'default';

/** Blocks whose children are text and inline nodes; anything else (lists, quotes) holds blocks. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/**
 * A Yjs document holding plain paragraphs as Tiptap's Collaboration extension lays them out
 * (y-prosemirror): one `paragraph` element per paragraph in the 'default' fragment, a line break
 * inside one as a `hardBreak` element between its texts. Returns the whole state as one update.
 */
export function stateFromParagraphs(paragraphs: readonly (string | { text: string; kind: BlockKind })[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(TIPTAP_FIELD);
  doc.transact(() => {
    fragment.insert(
      0,
      paragraphs.map((para) => {
        const { text, kind } = typeof para === 'string' ? { text: para, kind: 'text' as const } : para;
        const p = new Y.XmlElement('paragraph');
        // The attributes the editor's structure extensions read (src/core/draft-structure.ts).
        p.setAttribute('uid', randomUUID());
        p.setAttribute('kind', kind);
        const children: (Y.XmlText | Y.XmlElement)[] = [];
        text.split('\n').forEach((line, i) => {
          if (i > 0) children.push(new Y.XmlElement('hardBreak'));
          if (line) children.push(new Y.XmlText(line));
        });
        if (children.length) p.insert(0, children);
        return p;
      }),
    );
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** A block's text as `blocksOf` gives it (line breaks as \n). */
export function inlineText(node: Y.XmlElement): string {
  let out = '';
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
    } else if (child instanceof Y.XmlElement) {
      out += child.nodeName === 'hardBreak' ? '\n' : inlineText(child);
    }
  }
  return out;
}

function collect(node: Y.XmlElement | Y.XmlFragment, out: DraftBlock[]) {
  for (const child of node.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const kids = child.toArray();
    const holdsBlocks = !TEXT_BLOCKS.has(child.nodeName) && kids.length > 0 && kids.every((k) => k instanceof Y.XmlElement);
    if (holdsBlocks) collect(child, out);
    else {
      const uid = child.getAttribute('uid');
      out.push({ type: child.nodeName, text: inlineText(child), uid: typeof uid === 'string' && uid ? uid : null, kind: child.getAttribute('kind') === 'recommendation' ? 'recommendation' : 'text' });
    }
  }
}

/** The document's text block by block, in order (lists and quotes flattened into their paragraphs). */
export function blocksOf(doc: Y.Doc): DraftBlock[] {
  const out: DraftBlock[] = [];
  collect(doc.getXmlFragment(TIPTAP_FIELD), out);
  return out;
}

/** The text of a stored state, read without keeping a document. */
export function blocksOfState(state: Uint8Array): DraftBlock[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return blocksOf(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * One state holding both: what is stored and what a server holds in memory. Applying both to a
 * fresh document (rather than `mergeUpdates`) also collects the deleted content, so the stored
 * state does not grow with every edit ever made.
 */
export function mergeStates(stored: Uint8Array, incoming: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, stored);
    Y.applyUpdate(doc, incoming);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
