import type { NumberedBlock } from '../../core/draft-structure';
import { numberLines, type Line } from '../../core/text-lines';

/** The width, in columns, at which drafts are broken into numbered lines (a CJK wide character takes two). */
export const DRAFT_LINE_WIDTH = 60;

export interface LineViewBlock {
  block: NumberedBlock;
  firstLine: number;
  lines: Line[];
}

/**
 * The draft's blocks with their lines numbered continuously through the text, by src/core's
 * numberLines at a fixed width: the same lines on every screen and in every export, whatever
 * the reader's font or window, so "¶3, lines 12-14" means the same text to everyone.
 */
export function lineView(blocks: readonly NumberedBlock[], width = DRAFT_LINE_WIDTH): LineViewBlock[] {
  const numbered = numberLines(
    blocks.map((b) => b.text),
    width,
  );
  return blocks.map((block, i) => {
    const n = numbered[i] as { firstLine: number; lines: Line[] };
    return { block, firstLine: n.firstLine, lines: n.lines };
  });
}
