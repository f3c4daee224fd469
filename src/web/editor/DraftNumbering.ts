import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import { numberedBlocksOfDoc } from './draft-blocks';

export const draftNumberingKey = new PluginKey<DecorationSet>('draftNumbering');

/**
 * Paragraph numbers (¶) and recommendation numbers (R1, R2…) on the editor's blocks, as node
 * attributes (`data-para`, `data-rec`) that the stylesheet shows in the left margin. Computed
 * with src/core's numberBlocks on every change, local or remote, so every reader sees the same
 * numbers as exports and positions, live.
 */
function decorations(doc: PMNode): DecorationSet {
  const decos: Decoration[] = [];
  for (const b of numberedBlocksOfDoc(doc)) {
    if (b.paragraph === null) continue;
    const node = doc.nodeAt(b.pos);
    if (!node) continue;
    const attrs: Record<string, string> = { 'data-para': String(b.paragraph) };
    if (b.recommendation !== null) attrs['data-rec'] = `R${b.recommendation}`;
    decos.push(Decoration.node(b.pos, b.pos + node.nodeSize, attrs));
  }
  return DecorationSet.create(doc, decos);
}

export const DraftNumbering = Extension.create({
  name: 'draftNumbering',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: draftNumberingKey,
        state: {
          init: (_config, state) => decorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? decorations(tr.doc) : old),
        },
        props: {
          decorations: (state) => draftNumberingKey.getState(state),
        },
      }),
    ];
  },
});
