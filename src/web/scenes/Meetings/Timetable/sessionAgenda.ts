import type { AgendaItemRef } from '../../../../core/agenda';
import type { FieldError } from '../../../../core/errors';

/** The element id of a session on its timetable, so that the agenda can link to it: …/meetings/<id>#session-<id>. */
export const sessionAnchor = (sessionId: string) => `session-${sessionId}`;

/** The session a location hash points at (#session-<uuid> → the uuid), if any. */
export function anchoredSession(hash: string): string | null {
  const m = /^#session-([0-9a-f-]{36})$/i.exec(hash);
  return m ? (m[1] as string).toLowerCase() : null;
}

/**
 * The items a session may take up, in their numbers' order: the group's open items, and those
 * the session already takes up whatever their status now (a closed item may stay where it was
 * discussed, but is not offered anew).
 */
export function agendaChoices(groupItems: readonly AgendaItemRef[] | undefined, already: readonly AgendaItemRef[]): AgendaItemRef[] {
  const byId = new Map<string, AgendaItemRef>();
  for (const item of groupItems ?? []) if (item.status === 'open') byId.set(item.id, item);
  for (const item of already) {
    // The group's list is newer than the session's copy, when it has the item.
    byId.set(item.id, (groupItems ?? []).find((i) => i.id === item.id) ?? item);
  }
  return [...byId.values()].sort((a, b) => a.number - b.number);
}

/** The list with the entry at `from` moved to `to` (clamped); the same list when nothing moves. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return [...list];
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(target, 0, x as T);
  return out;
}

/**
 * The server's complaints about `agendaItemIds` (at body.agendaItemIds.N), each with the item it
 * is about, so the form can name it: "Item 7 has been closed meanwhile".
 */
export function agendaFieldErrors(errors: readonly FieldError[], sent: readonly string[], choices: readonly AgendaItemRef[]): { code: string; item: AgendaItemRef | null; message: string }[] {
  return errors.flatMap((e) => {
    const m = /^body\.agendaItemIds(?:\.(\d+))?$/.exec(e.path);
    if (!m) return [];
    const id = m[1] === undefined ? undefined : sent[Number(m[1])];
    return [{ code: e.code, item: choices.find((c) => c.id === id) ?? null, message: e.message }];
  });
}
