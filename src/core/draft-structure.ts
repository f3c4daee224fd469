import { Extension } from '@tiptap/core';
import UniqueID from '@tiptap/extension-unique-id';
import type { DraftBlock } from './drafts';

/**
 * The structure of a recommendations draft, shared by the web editor and the server (which
 * builds, reads and changes the same Yjs documents):
 *
 * - every paragraph and heading carries a stable `uid`, kept through edits, so an amendment, a
 *   comment or a delegation's position names the same paragraph in every version;
 * - a paragraph's `kind` says whether it is a recommendation (numbered R1, R2…) or text
 *   (preamble, findings); every non-empty paragraph has a paragraph number (¶1, ¶2…).
 */
export const NUMBERED_TYPES = ['paragraph', 'heading'] as const;
export const BLOCK_KINDS = ['text', 'recommendation'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const DraftKinds = Extension.create({
  name: 'draftKinds',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          kind: {
            default: 'text',
            parseHTML: (el: HTMLElement) => (el.getAttribute('data-kind') === 'recommendation' ? 'recommendation' : 'text'),
            renderHTML: (attrs: Record<string, unknown>) => (attrs.kind === 'recommendation' ? { 'data-kind': 'recommendation' } : {}),
          },
        },
      },
    ];
  },
});

/** The uid attribute on paragraphs and headings (UniqueID keeps it unique through splits and pastes). */
export const draftUniqueIds = (opts: { collaborative: boolean }) =>
  UniqueID.configure({
    attributeName: 'uid',
    types: [...NUMBERED_TYPES],
    // With collaboration, only this client's own transactions get ids, never remote ones (Tiptap's advice).
    ...(opts.collaborative ? { filterTransaction: (tr: { getMeta: (key: string) => unknown }) => !tr.getMeta('y-sync$') } : {}),
  });

export interface NumberedBlock extends DraftBlock {
  /** ¶ number: non-empty paragraphs, in order. */
  paragraph: number | null;
  /** R number: recommendations, in order. */
  recommendation: number | null;
}

/** Paragraph and recommendation numbers, as the editor, exports and positions show them. */
export function numberBlocks(blocks: readonly DraftBlock[]): NumberedBlock[] {
  let p = 0;
  let r = 0;
  return blocks.map((b) => {
    const counted = b.type === 'paragraph' && b.text.trim() !== '';
    const isRec = counted && b.kind === 'recommendation';
    return { ...b, paragraph: counted ? ++p : null, recommendation: isRec ? ++r : null };
  });
}
