import type { DecorationAttrs } from '@tiptap/pm/view';
import classes from './DraftEditor.module.css';

interface CaretUser {
  name: string;
  color: string;
}

const isHex = (c: string) => /^#[0-9a-fA-F]{6}$/.test(c);

/**
 * Another person's caret: a thin bar in their colour with their name on a label above it. Styles
 * come from the stylesheet, the colour through a custom property set with the CSSOM (the page's
 * Content-Security-Policy refuses style attributes written as text).
 */
export function renderCaret(user: CaretUser): HTMLElement {
  const caret = document.createElement('span');
  caret.className = classes.caret ?? '';
  caret.setAttribute('data-testid', 'remote-caret');
  caret.setAttribute('data-name', user.name);
  caret.style.setProperty('--caret-color', isHex(user.color) ? user.color : '#555555');
  const label = document.createElement('span');
  label.className = classes.caretLabel ?? '';
  label.setAttribute('aria-hidden', 'true');
  label.textContent = user.name;
  caret.append(label);
  return caret;
}

/** Another person's selection: their colour, faint. ProseMirror applies `style` through the CSSOM. */
export function renderSelection(user: CaretUser): DecorationAttrs {
  return isHex(user.color) ? { class: classes.remoteSelection ?? '', style: `background-color: ${user.color}33` } : {};
}
