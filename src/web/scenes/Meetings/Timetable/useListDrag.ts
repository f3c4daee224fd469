import { useCallback, useEffect, useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';

interface DragState {
  from: number;
  to: number;
  dy: number;
  /** Height of the dragged row plus the gap to the next: how far the others step aside. */
  step: number;
}

/**
 * Dragging a row of a list to another place, with pointer events (mouse, pen and touch alike;
 * no library). The row follows the pointer, the others step aside, Escape cancels, and the
 * drop reports (from, to). The keyboard way is the rows' own move up / move down buttons.
 */
export function useListDrag(onDrop: (from: number, to: number) => void) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const rows = useRef<(HTMLElement | null)[]>([]);
  const cleanup = useRef<(() => void) | null>(null);
  const dropRef = useRef(onDrop);
  useEffect(() => {
    dropRef.current = onDrop;
  }, [onDrop]);
  useEffect(() => () => cleanup.current?.(), []);

  const start = useCallback((index: number, e: ReactPointerEvent<HTMLElement>) => {
    if (e.button !== 0 || !e.isPrimary) return;
    e.preventDefault();
    const handle = e.currentTarget;
    const rects = rows.current.map((el) => el?.getBoundingClientRect() ?? null);
    const mine = rects[index];
    if (!mine) return;
    const next = rects[index + 1] ?? rects[index - 1];
    const gap = next ? Math.max(0, index + 1 < rects.length ? next.top - mine.bottom : mine.top - next.bottom) : 0;
    const startY = e.clientY;
    let state: DragState = { from: index, to: index, dy: 0, step: mine.height + gap };
    setDrag(state);
    try {
      handle.setPointerCapture(e.pointerId);
    } catch {
      // The pointer went away already.
    }
    const move = (ev: PointerEvent) => {
      const dy = ev.clientY - startY;
      const centre = mine.top + mine.height / 2 + dy;
      let to = index;
      rects.forEach((r, i) => {
        if (!r) return;
        const mid = r.top + r.height / 2;
        if (i < index && centre < mid) to = Math.min(to, i);
        if (i > index && centre > mid) to = Math.max(to, i);
      });
      state = { ...state, dy, to };
      setDrag(state);
    };
    const finish = (drop: boolean) => {
      cleanup.current?.();
      setDrag(null);
      if (drop && state.to !== state.from) dropRef.current(state.from, state.to);
    };
    const up = () => finish(true);
    const cancel = () => finish(false);
    const key = (ev: KeyboardEvent) => {
      if (ev.key === 'Escape') finish(false);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key);
    cleanup.current = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key);
      cleanup.current = null;
    };
  }, []);

  /** Where each row is drawn while another is dragged. */
  const rowStyle = (index: number): CSSProperties | undefined => {
    if (!drag) return undefined;
    if (index === drag.from) return { transform: `translateY(${drag.dy}px)`, zIndex: 2, position: 'relative' };
    const { from, to, step } = drag;
    if (from < to && index > from && index <= to) return { transform: `translateY(${-step}px)`, transition: 'transform 120ms ease' };
    if (to < from && index >= to && index < from) return { transform: `translateY(${step}px)`, transition: 'transform 120ms ease' };
    return { transition: 'transform 120ms ease' };
  };

  return {
    drag,
    rowRef: (index: number) => (el: HTMLElement | null) => {
      rows.current[index] = el;
    },
    handleProps: (index: number) => ({ onPointerDown: (e: ReactPointerEvent<HTMLElement>) => start(index, e) }),
    rowStyle,
  };
}
