import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';

export const draftHighlightKey = new PluginKey<{ uid: string | null; decos: DecorationSet }>('draftHighlight');

function decorate(doc: PMNode, uid: string | null): DecorationSet {
  if (!uid) return DecorationSet.empty;
  const decos: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (node.attrs.uid === uid) decos.push(Decoration.node(pos, pos + node.nodeSize, { 'data-highlight': 'true' }));
    return false;
  });
  return DecorationSet.create(doc, decos);
}

/**
 * Marks one paragraph (by uid) in the editor, e.g. the one an amendment or a comment thread
 * touches while it is hovered or selected in the panel beside the text. A view-only decoration:
 * the shared document is never changed by it.
 */
export const DraftHighlight = Extension.create({
  name: 'draftHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: draftHighlightKey,
        state: {
          init: () => ({ uid: null as string | null, decos: DecorationSet.empty }),
          apply: (tr, old) => {
            const meta = tr.getMeta(draftHighlightKey) as { uid: string | null } | undefined;
            const uid = meta ? meta.uid : old.uid;
            if (meta || tr.docChanged) return { uid, decos: decorate(tr.doc, uid) };
            return old;
          },
        },
        props: { decorations: (state) => draftHighlightKey.getState(state)?.decos },
      }),
    ];
  },
});

/** Highlights the paragraph with this uid (null clears it), scrolling it into view when asked. */
export function highlightParagraph(editor: Editor | null, uid: string | null, scroll = false) {
  if (!editor || editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(draftHighlightKey, { uid }).setMeta('addToHistory', false));
  if (scroll && uid) {
    const el = editor.view.dom.querySelector(`[data-uid="${CSS.escape(uid)}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}

/** Where the caret is: the paragraph (uid, text) and, when words are selected inside it, their offsets. */
export interface CaretPlace {
  uid: string | null;
  text: string;
  /** Offsets in the paragraph's text (UTF-16, end exclusive); equal when nothing is selected. */
  start: number;
  end: number;
}

export function caretPlace(editor: Editor): CaretPlace | null {
  const { $from, $to } = editor.state.selection;
  const block = $from.parent;
  if (!block.isTextblock) return null;
  const uid = typeof block.attrs.uid === 'string' && block.attrs.uid ? (block.attrs.uid as string) : null;
  const text = block.textBetween(0, block.content.size, undefined, (leaf) => (leaf.type.name === 'hardBreak' ? '\n' : ''));
  const offset = (pos: number) => block.textBetween(0, pos, undefined, (leaf) => (leaf.type.name === 'hardBreak' ? '\n' : '')).length;
  const start = offset($from.parentOffset);
  const end = $to.parent === block ? offset($to.parentOffset) : text.length;
  return { uid, text, start, end };
}
