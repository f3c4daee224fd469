import { useCallback, useEffect, type RefObject } from 'react';
import type { AttributionFinding } from '../../../../core/attribution';
import { findingRanges, HIGHLIGHT, paint } from './highlight';

/**
 * Paints the findings over the text inside `root` (found by `select` under the ref: the editor's
 * content element, or the rendered report), the chosen one more strongly, and repaints whenever
 * they change. `reveal` scrolls a finding into view and, in the editor, selects it.
 */
export function useHighlights(ref: RefObject<HTMLElement | null>, select: string | null, findings: readonly AttributionFinding[], active: number | null) {
  const rootOf = useCallback(() => {
    const el = ref.current;
    if (!el) return null;
    return select ? el.querySelector(select) : el;
  }, [ref, select]);

  useEffect(() => {
    const repaint = () => {
      const root = rootOf();
      if (!root) return;
      const all = findings.flatMap((f) => findingRanges(root, f));
      const chosen = active !== null && findings[active] ? findingRanges(root, findings[active]) : [];
      paint(HIGHLIGHT.all, all);
      paint(HIGHLIGHT.active, chosen);
    };
    repaint();
    // The editor mounts its content after this component, and redraws text nodes as it likes:
    // paint again whenever the DOM under the ref changes (painting itself changes no DOM).
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(repaint);
    });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [ref, rootOf, findings, active]);

  useEffect(
    () => () => {
      paint(HIGHLIGHT.all, []);
      paint(HIGHLIGHT.active, []);
    },
    [],
  );

  return useCallback(
    (finding: AttributionFinding | undefined, selectIt: boolean) => {
      const root = rootOf();
      const range = root && finding ? findingRanges(root, finding)[0] : undefined;
      if (!root || !range) return;
      const anchor = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
      anchor?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (selectIt && root instanceof HTMLElement && root.isContentEditable) {
        root.focus({ preventScroll: true });
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range.cloneRange());
      }
    },
    [rootOf],
  );
}
