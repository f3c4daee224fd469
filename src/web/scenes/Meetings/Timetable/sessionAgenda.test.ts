import { describe, expect, it } from 'vitest';
import type { AgendaItemRef } from '../../../../core/agenda';
import { agendaChoices, agendaFieldErrors, anchoredSession, moved, sessionAnchor } from './sessionAgenda';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (n: number, status: AgendaItemRef['status'] = 'open', title = `Item ${n}`): AgendaItemRef => ({ id: id(n), number: n, title, lang: 'en', status });

describe('a session’s agenda items', () => {
  it('links to a session on its timetable and reads it back from the address', () => {
    expect(sessionAnchor(id(7))).toBe(`session-${id(7)}`);
    expect(anchoredSession(`#${sessionAnchor(id(7))}`)).toBe(id(7));
    expect(anchoredSession('#session-123')).toBeNull();
    expect(anchoredSession('#attendance')).toBeNull();
  });

  it('offers the open items, and keeps those the session already takes up whatever their status', () => {
    const group = [item(3), item(1, 'closed'), item(2), item(4, 'withdrawn')];
    expect(agendaChoices(group, []).map((c) => c.number)).toEqual([2, 3]);
    // The session took up item 1 before it was closed: it stays a choice, with its status now.
    const already = [{ ...item(1), status: 'open' as const }];
    const choices = agendaChoices(group, already);
    expect(choices.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(choices[0]?.status).toBe('closed');
    // While the group's list is loading, the session's own items are the choices.
    expect(agendaChoices(undefined, already).map((c) => c.number)).toEqual([1]);
  });

  it('moves an item earlier or later, clamped at the ends', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });

  it('names the item each of the server’s complaints is about', () => {
    const choices = [item(2), item(5, 'closed')];
    const sent = [id(2), id(5), id(9)];
    const found = agendaFieldErrors(
      [
        { path: 'body.title', code: 'too_small', message: '' },
        { path: 'body.agendaItemIds.1', code: 'agenda_item_not_open', message: 'closed' },
        { path: 'body.agendaItemIds.2', code: 'unknown_agenda_item', message: 'unknown' },
      ],
      sent,
      choices,
    );
    expect(found).toEqual([
      { code: 'agenda_item_not_open', item: choices[1], message: 'closed' },
      { code: 'unknown_agenda_item', item: null, message: 'unknown' },
    ]);
  });
});
