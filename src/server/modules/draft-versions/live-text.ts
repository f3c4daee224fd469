import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { draftDocumentName, type DraftBlock } from '../../../core/drafts';
import { blocksOf, blocksOfState, mergeStates, TIPTAP_FIELD } from '../../collaboration/ydoc';
import { notFound } from '../../http/errors';
import { draftState } from '../drafts/queries';

/**
 * A draft's text as it is now: from the live document when it is open on this server (fresher
 * than what is stored, and merged with it so the state is whole), else the stored state.
 */
export async function currentText(app: FastifyInstance, draftId: string): Promise<{ state: Uint8Array; blocks: DraftBlock[]; source: 'live' | 'stored' }> {
  const stored = await draftState(app.db, draftId);
  if (!stored) throw notFound('No such draft in this group.');
  const document = app.collab.hocuspocus.documents.get(draftDocumentName(draftId));
  if (document && !document.isLoading) {
    return { state: mergeStates(stored.state, Y.encodeStateAsUpdate(document)), blocks: blocksOf(document), source: 'live' };
  }
  return { state: stored.state, blocks: blocksOfState(stored.state), source: 'stored' };
}

/** A draft's blocks as they are now (live when open here, else stored), without merging states. */
export async function currentBlocks(app: FastifyInstance, draftId: string): Promise<DraftBlock[]> {
  const live = app.collab.liveBlocks(draftId);
  if (live) return live;
  const stored = await draftState(app.db, draftId);
  return stored ? blocksOfState(stored.state) : [];
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** The block element with this uid, wherever it is (lists and quotes hold paragraphs too), or null. */
export function findBlock(node: Y.XmlFragment | Y.XmlElement, uid: string): { parent: Y.XmlFragment | Y.XmlElement; index: number; element: Y.XmlElement } | null {
  const children = node.toArray();
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.getAttribute('uid') === uid && (TEXT_BLOCKS.has(child.nodeName) || child.length === 0 || !child.toArray().every((k) => k instanceof Y.XmlElement))) {
      return { parent: node, index: i, element: child };
    }
    const inner = findBlock(child, uid);
    if (inner) return inner;
  }
  return null;
}

/** The children that hold `text` as the editor lays it out: texts with a hardBreak for each line break. */
function inlineOf(text: string): (Y.XmlText | Y.XmlElement)[] {
  const out: (Y.XmlText | Y.XmlElement)[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push(new Y.XmlElement('hardBreak'));
    if (line) out.push(new Y.XmlText(line));
  });
  return out;
}

/** Replaces a block's whole text (its uid and kind stay). */
export function setBlockText(element: Y.XmlElement, text: string) {
  if (element.length) element.delete(0, element.length);
  const inline = inlineOf(text);
  if (inline.length) element.insert(0, inline);
}

/** A new paragraph with a fresh uid, for text the server writes. */
export function newParagraph(text: string, kind: 'text' | 'recommendation', uid: string = randomUUID()): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.setAttribute('uid', uid);
  p.setAttribute('kind', kind);
  const inline = inlineOf(text);
  if (inline.length) p.insert(0, inline);
  return p;
}

/**
 * Makes the live fragment hold what a stored state holds: every block of the old text, cloned
 * with its attributes (uid, kind) and formatting, in place of the present ones. Yjs keeps the
 * history, so this is an edit like any other: editors see it, and a later version can undo it.
 */
export function replaceContent(fragment: Y.XmlFragment, state: Uint8Array) {
  const old = new Y.Doc();
  try {
    Y.applyUpdate(old, state);
    const clones = old
      .getXmlFragment(TIPTAP_FIELD)
      .toArray()
      .map((node) => (node as Y.XmlElement | Y.XmlText).clone());
    if (fragment.length) fragment.delete(0, fragment.length);
    if (clones.length) fragment.insert(0, clones);
  } finally {
    old.destroy();
  }
}
