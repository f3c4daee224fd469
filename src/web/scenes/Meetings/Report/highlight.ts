import type { AttributionFinding } from '../../../../core/attribution';

/*
 * Marking the attribution check's findings in the text as the reader sees it — in the editor
 * (ProseMirror's DOM) or in the rendered report — without touching that DOM: the CSS Custom
 * Highlight API paints ranges over it, so the editor's own state is never disturbed. A finding
 * names a top-level block and offsets in that block's text as `blockTexts` builds it: the
 * paragraphs inside the block (in lists and quotations) joined by '\n', a line break counting
 * as '\n'. The walk below rebuilds the same text from the DOM and maps offsets back to nodes.
 */

/** One piece of a block's text, in order: a text node, a line break, or the '\n' between two paragraphs. */
export type Piece<N> = { kind: 'text'; node: N; length: number } | { kind: 'break'; node: N } | { kind: 'gap' };

/** A point in the DOM: a text node and an offset in it, or just before/after an element. */
export type Point<N> = { node: N; offset: number } | { before: N } | { after: N };

/**
 * The DOM point for an offset in a block's text. `end` says which side an offset on a boundary
 * belongs to: a start goes into the following piece, an end stays in the preceding one.
 */
export function pointAt<N>(pieces: readonly Piece<N>[], offset: number, end: boolean): Point<N> | null {
  let at = 0;
  let target = offset;
  let previous: Point<N> | null = null;
  for (const p of pieces) {
    const length = p.kind === 'text' ? p.length : 1;
    const hit = end ? target > at && target <= at + length : target >= at && target < at + length;
    if (hit) {
      if (p.kind === 'text') return { node: p.node, offset: target - at };
      if (p.kind === 'break') return end ? { after: p.node } : { before: p.node };
      // On the '\n' between two paragraphs: an end ends with the paragraph before, a start begins with the next.
      if (end) return previous;
      target = at + length;
    }
    if (p.kind === 'text') previous = { node: p.node, offset: p.length };
    else if (p.kind === 'break') previous = { after: p.node };
    at += length;
  }
  return null;
}

/** The pieces of one top-level block element, walking its DOM as `blockTexts` walks the JSON. */
export function piecesOf(block: Element): Piece<Node>[] {
  const pieces: Piece<Node>[] = [];
  let paragraphs = 0;
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const length = (node.nodeValue ?? '').length;
      if (length) pieces.push({ kind: 'text', node, length });
      return;
    }
    if (!(node instanceof Element)) return;
    const tag = node.tagName;
    if (tag === 'BR') {
      // ProseMirror's placeholder break in an empty or break-ended paragraph is not text.
      if (!node.classList.contains('ProseMirror-trailingBreak')) pieces.push({ kind: 'break', node });
      return;
    }
    if (tag === 'IMG') return; // ProseMirror's cursor helpers
    if (tag === 'P') {
      if (paragraphs > 0) pieces.push({ kind: 'gap' });
      paragraphs += 1;
    }
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(block);
  return pieces;
}

function toRange(doc: Document, start: Point<Node>, end: Point<Node>): Range | null {
  try {
    const range = doc.createRange();
    if ('node' in start) range.setStart(start.node, start.offset);
    else if ('before' in start) range.setStartBefore(start.before);
    else range.setStartAfter(start.after);
    if ('node' in end) range.setEnd(end.node, end.offset);
    else if ('before' in end) range.setEndBefore(end.before);
    else range.setEndAfter(end.after);
    return range.collapsed ? null : range;
  } catch {
    return null;
  }
}

/**
 * The DOM ranges of a finding inside `root` (the element whose children are the report's
 * blocks): its text, or for a finding in a link's address the link's own text.
 */
export function findingRanges(root: Element, finding: AttributionFinding): Range[] {
  const block = root.children[finding.block];
  if (!block) return [];
  const doc = root.ownerDocument;
  if (finding.in === 'link') {
    return Array.from(block.querySelectorAll('a[href]'))
      .filter((a) => (a.getAttribute('href') ?? '').slice(finding.start, finding.end) === finding.match)
      .flatMap((a) => {
        const range = doc.createRange();
        range.selectNodeContents(a);
        return range.collapsed ? [] : [range];
      });
  }
  const pieces = piecesOf(block);
  const start = pointAt(pieces, finding.start, false);
  const end = pointAt(pieces, finding.end, true);
  const range = start && end ? toRange(doc, start, end) : null;
  return range ? [range] : [];
}

/** The highlight names the stylesheet paints (::highlight(…)). */
export const HIGHLIGHT = { all: 'accord-attribution', active: 'accord-attribution-active' } as const;

type HighlightsRegistry = Map<string, unknown>;
type HighlightCtor = new (...ranges: Range[]) => unknown;

/** The browser's highlight registry, when it has one (Chromium 105+, Safari 17.2+, Firefox 140+). */
function registry(): { highlights: HighlightsRegistry; Highlight: HighlightCtor } | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightsRegistry } }).CSS;
  const Highlight = (globalThis as { Highlight?: HighlightCtor }).Highlight;
  return css?.highlights && Highlight ? { highlights: css.highlights, Highlight } : null;
}

export const canHighlight = () => registry() !== null;

/** Paints `ranges` under a highlight name (replacing what it painted before); an empty list clears it. */
export function paint(name: string, ranges: readonly Range[]) {
  const r = registry();
  if (!r) return;
  if (ranges.length) r.highlights.set(name, new r.Highlight(...ranges));
  else r.highlights.delete(name);
}
