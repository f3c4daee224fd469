import type { NumberedBlock } from '../../core/draft-structure';
import { DRAFT_LINE_WIDTH, numberLines, type Line } from '../../core/text-lines';

export { DRAFT_LINE_WIDTH };

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
