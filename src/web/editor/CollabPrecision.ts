import { Extension } from '@tiptap/core';
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/*
 * Two people typing at one spot must each keep their run of characters whole: that is what the
 * CRDT guarantees when each keystroke reaches Yjs as an insertion after the character the person
 * typed it after. Two things in @tiptap/y-tiptap (3.0.9; 3.3.0 still) break it, and this
 * extension mends both without changing the library:
 *
 * 1. Local edits reach Yjs as a diff of the paragraph's whole text (`simpleDiff` in
 *    updateYText), not as the edit that was made. When both typed the same character at the same
 *    spot (two spaces), the diff cannot tell whose is whose and attaches this person's next
 *    letters to the other's character. → `localEditsAsOperations`: a local transaction that
 *    inserts or deletes text inside one paragraph is written to the paragraph's Y.XmlText at the
 *    exact index ProseMirror's step names, before the binding diffs (which then finds nothing
 *    left to do). Anything else — structure, marks, several paragraphs — is left to the binding.
 *
 * 2. After someone else's edit the binding restores the caret from its Yjs relative position,
 *    then second-guesses it whenever the caret's paragraph changed — which each remote keystroke
 *    in it does — and, because our paragraphs carry a distinctive `uid`, puts the caret back at
 *    its old numeric offset, in the middle of the other person's new words. → `keepCaret`: the
 *    selection is recorded as Yjs relative positions before a remote transaction; afterwards, if
 *    Yjs places it in the same paragraph (same uid), that position wins; otherwise (the paragraph
 *    was deleted, moved, replaced) the binding's recovery is left alone.
 */

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
  mux: (f: () => void, g?: () => void) => void;
}

function bindingOf(state: EditorState): Binding | null {
  const ystate = ySyncPluginKey.getState(state) as { binding?: Binding } | undefined;
  return ystate?.binding ?? null;
}

const isRemote = (tr: Transaction) => (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;

// ---------------------------------------------------------------------------------------------
// 1. Local edits as operations

/** The Y element of the textblock at `pos` in `doc` (the binding mirrors block nodes one to one), or null. */
function yBlockAt(fragment: Y.XmlFragment, doc: PMNode, pos: number): { el: Y.XmlElement; node: PMNode; start: number } | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  let y: Y.XmlFragment | Y.XmlElement = fragment;
  for (let depth = 0; depth < $pos.depth; depth++) {
    const child: unknown = y.get($pos.index(depth));
    if (!(child instanceof Y.XmlElement) || child.nodeName !== $pos.node(depth + 1).type.name) return null;
    y = child;
  }
  return y instanceof Y.XmlElement ? { el: y, node: $pos.parent, start: $pos.start() } : null;
}

/** The Y.XmlText and index at an offset of a textblock's content, when the offset falls in (or at the edge of) a run of text. */
function yTextAt(el: Y.XmlElement, offset: number): { text: Y.XmlText; index: number; runEnd: number } | null {
  let pos = 0;
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) {
      const end = pos + child.length;
      if (offset >= pos && offset <= end) return { text: child, index: offset - pos, runEnd: end };
      pos = end;
    } else pos += 1; // an inline leaf (a line break)
  }
  return null;
}

/** The block's text as the binding holds it, a line break as one character: must equal ProseMirror's before we write. */
function sameText(el: Y.XmlElement, node: PMNode): boolean {
  const held = el
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : '\uFFFC'))
    .join('');
  return held === node.textBetween(0, node.content.size, undefined, '\uFFFC');
}

/** The attributes the binding gives text with these marks (non-overlapping marks only); null when it would hash them. */
function attributesOf(marks: readonly Mark[]): Record<string, unknown> | null {
  const attrs: Record<string, unknown> = {};
  for (const mark of marks) {
    if (!mark.type.excludes(mark.type)) return null;
    attrs[mark.type.name] = mark.attrs;
  }
  return attrs;
}

/**
 * Writes one step to Yjs when it is a text insertion, deletion or replacement inside one run of
 * text of one paragraph; false (nothing written) otherwise.
 */
function writeStep(binding: Binding, step: ReplaceStep, doc: PMNode): boolean {
  const { from, to, slice } = step;
  if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  if ($from.parent !== $to.parent || !$from.parent.isTextblock) return false;
  const inserted: { text: string; attrs: Record<string, unknown> }[] = [];
  let ok = true;
  slice.content.forEach((node) => {
    const attrs = node.isText ? attributesOf(node.marks) : null;
    if (!node.isText || !attrs) ok = false;
    else inserted.push({ text: node.text ?? '', attrs });
  });
  if (!ok || (inserted.length === 0 && from === to)) return false;
  const block = yBlockAt(binding.type, doc, from);
  if (!block || !sameText(block.el, block.node)) return false;
  const at = yTextAt(block.el, from - block.start);
  if (!at || to - block.start > at.runEnd) return false;
  if (to > from) at.text.delete(at.index, to - from);
  let index = at.index;
  for (const part of inserted) {
    at.text.insert(index, part.text, part.attrs);
    index += part.text.length;
  }
  return true;
}

const pendingKey = new PluginKey<Transaction[]>('localEditsAsOperations');

const localEditsAsOperations = () => {
  const written = new WeakSet<Transaction>();
  return new Plugin<Transaction[]>({
    key: pendingKey,
    state: {
      init: () => [],
      // This person's transactions that changed the text and are not in Yjs yet; the binding's own (remote) ones never are ours to write.
      apply: (tr, pending) => {
        const left = pending.filter((t) => !written.has(t));
        if (!tr.docChanged) return left.length === pending.length ? pending : left;
        return tr.getMeta(ySyncPluginKey) ? [] : [...left, tr];
      },
    },
    view: () => ({
      // Runs before the binding's own view update (this extension's priority is higher), which then diffs and finds nothing left.
      update(view) {
        const pending = (pendingKey.getState(view.state) ?? []).filter((t) => !written.has(t));
        if (pending.length === 0) return;
        for (const t of pending) written.add(t);
        const binding = bindingOf(view.state);
        if (!binding) return;
        const addToHistory = pending.every((t) => t.getMeta('addToHistory') !== false);
        // Inside the binding's mutex, so it does not re-render from our own Yjs change.
        binding.mux(() => {
          binding.doc.transact((ytr) => {
            ytr.meta.set('addToHistory', addToHistory);
            for (const t of pending) {
              for (let i = 0; i < t.steps.length; i++) {
                const step = t.steps[i];
                const doc = t.docs[i];
                // The first step we cannot write exactly, and all after it, are left to the binding's diff.
                if (!(step instanceof ReplaceStep) || !doc || !writeStep(binding, step, doc)) return;
              }
            }
          }, ySyncPluginKey);
        });
      },
    }),
  });
};

// ---------------------------------------------------------------------------------------------
// 2. The caret stays where Yjs puts it

interface Saved {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
  anchorUid: string | null;
  headUid: string | null;
}

function uidAt(doc: PMNode, pos: number): string | null {
  if (pos < 0 || pos > doc.content.size) return null;
  const parent = doc.resolve(pos).parent;
  const uid: unknown = parent.isTextblock ? parent.attrs.uid : null;
  return typeof uid === 'string' && uid ? uid : null;
}

export const keepCaretKey = new PluginKey('keepCaret');

const keepCaret = () => {
  let saved: Saved | null = null;
  return new Plugin({
    key: keepCaretKey,
    view(view) {
      const binding = bindingOf(view.state);
      if (!binding) return {};
      const before = (tr: Y.Transaction) => {
        // Local edits come from the binding (or from us, with its origin); undo and redo restore their own selection.
        if (saved !== null || tr.origin === ySyncPluginKey || tr.origin instanceof Y.UndoManager || !(view.state.selection instanceof TextSelection)) return;
        try {
          const { anchor, head } = view.state.selection;
          saved = {
            anchor: absolutePositionToRelativePosition(anchor, binding.type, binding.mapping as never),
            head: absolutePositionToRelativePosition(head, binding.type, binding.mapping as never),
            anchorUid: uidAt(view.state.doc, anchor),
            headUid: uidAt(view.state.doc, head),
          };
        } catch {
          saved = null;
        }
      };
      const after = () => {
        saved = null;
      };
      binding.doc.on('beforeTransaction', before);
      binding.doc.on('afterAllTransactions', after);
      return {
        destroy() {
          binding.doc.off('beforeTransaction', before);
          binding.doc.off('afterAllTransactions', after);
        },
      };
    },
    appendTransaction(transactions, _old, state) {
      if (!saved || !(state.selection instanceof TextSelection) || !transactions.some(isRemote)) return null;
      const binding = bindingOf(state);
      if (!binding) return null;
      const anchor = relativePositionToAbsolutePosition(binding.doc, binding.type, saved.anchor, binding.mapping as never);
      const head = relativePositionToAbsolutePosition(binding.doc, binding.type, saved.head, binding.mapping as never);
      if (anchor === null || head === null) return null;
      // Only inside the paragraph the caret was in: elsewhere the binding's recovery knows better.
      if (!saved.anchorUid || uidAt(state.doc, anchor) !== saved.anchorUid || uidAt(state.doc, head) !== saved.headUid) return null;
      if (state.selection.anchor === anchor && state.selection.head === head) return null;
      return state.tr.setSelection(TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head))).setMeta('addToHistory', false);
    },
  });
};

/** Added beside Collaboration in the editor's extensions; its priority puts its plugins before the binding's. */
export const CollabPrecision = Extension.create({
  name: 'collabPrecision',
  // Above Collaboration's 1000: our view update writes local edits before the binding diffs.
  priority: 1001,
  addProseMirrorPlugins() {
    return [localEditsAsOperations(), keepCaret()];
  },
});
