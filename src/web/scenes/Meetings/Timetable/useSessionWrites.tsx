import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail, SessionView } from '../../../../core/meetings';
import { fromLocal, toLocal } from '../../../../core/time';
import { isApiError } from '../../../api/client';
import { meetingKeys, meetingMutations, refreshMeeting, sessionMutations, type SessionMove } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fullOrder, inTimeOrder, orderNeedsSaving, parallelToKeep, planReorder, type DayOfSessions } from './timetable';

interface Clash {
  /** The session being saved ('' for a new one). */
  title: string;
  overlaps: { id: string; title: string }[];
  keep: () => Promise<void>;
  decide: (kept: boolean) => void;
}

/**
 * Every change to the timetable goes through here. A refused overlap is explained and may be
 * kept as a parallel session: sent again with `parallel: true`, which the server keeps with the
 * session, so it is never asked about again. A drag moves and retimes the sessions it touches in
 * one request (PUT …/sessions/schedule), all or nothing.
 */
export function useSessionWrites(slug: string, meeting: MeetingDetail) {
  const queryClient = useQueryClient();
  const [clash, setClash] = useState<Clash | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const meetingRef = useRef(meeting);
  useEffect(() => {
    meetingRef.current = meeting;
  }, [meeting]);

  const apply = (detail: MeetingDetail) => refreshMeeting(queryClient, slug, detail);

  /**
   * Runs one save; resolves true when saved, false when the person chose to change the times
   * instead. `send(true)` saves the session as a parallel one.
   */
  async function write(title: string, send: (parallel: boolean) => Promise<MeetingDetail>): Promise<boolean> {
    try {
      await apply(await send(false));
      return true;
    } catch (err) {
      if (!(isApiError(err) && err.code === 'session.overlap')) throw err;
      const overlaps = Array.isArray(err.problem.overlaps) ? (err.problem.overlaps as { id: string; title: string }[]) : [];
      return new Promise<boolean>((resolve) => {
        setClash({
          title,
          overlaps,
          keep: async () => {
            await apply(await send(true));
          },
          decide: (kept) => {
            setClash(null);
            resolve(kept);
          },
        });
      });
    }
  }

  /** Shows the new times at once while the server is told. */
  function showOptimistically(changes: SessionMove[]) {
    const zone = meetingRef.current.timeZone ?? 'UTC';
    queryClient.setQueryData<MeetingDetail>(meetingKeys.detail(slug, meetingRef.current.id), (old) => {
      if (!old) return old;
      const zoned = (local: string) => {
        const r = fromLocal(local, zone);
        return r.ok ? { instant: r.instant.toISOString(), local: toLocal(r.instant, zone) } : null;
      };
      const sessions = old.sessions.map((s): SessionView => {
        const c = changes.find((x) => x.id === s.id);
        const start = c ? zoned(c.start) : null;
        const end = c ? zoned(c.end) : null;
        return start && end ? { ...s, start, end } : s;
      });
      return { ...old, sessions: inTimeOrder(sessions) };
    });
  }

  /**
   * Moves a session to another place in its day's agenda: the sessions between take each
   * other's turns (their times change, see planReorder), saved in one schedule request. Only
   * when sessions start together does the order need saving too (the schedule keeps times, not
   * the order of sessions that start at the same moment).
   */
  async function reorder(days: DayOfSessions[], day: DayOfSessions, from: number, to: number) {
    const plan = planReorder(day.date, day.sessions, from, to);
    if (!plan.changes.length && plan.order.every((id, i) => id === day.sessions[i]?.id)) return;
    const saveOrder = orderNeedsSaving(day.date, day.sessions, plan);
    const run = async (markParallel: string[]) => {
      showOptimistically(plan.changes);
      const id = meetingRef.current.id;
      // Marking a session parallel is never refused; the move that needs it follows at once.
      for (const sessionId of markParallel) await sessionMutations.update(slug, id, sessionId, { parallel: true });
      let detail = plan.changes.length ? await sessionMutations.schedule(slug, id, plan.changes) : null;
      if (saveOrder) detail = await meetingMutations.reorderSessions(slug, id, fullOrder(days, day.date, plan.order));
      if (detail) await apply(detail);
    };
    setError(null);
    setBusy(true);
    try {
      if (plan.newOverlaps.length) {
        const names = new Map(meetingRef.current.sessions.map((s) => [s.id, s.title]));
        const moved = day.sessions[from];
        const others = [...new Set(plan.newOverlaps.flat())].filter((id) => id !== moved?.id).map((id) => ({ id, title: names.get(id) ?? '' }));
        await new Promise<void>((resolve) => {
          setClash({
            title: moved?.title ?? '',
            overlaps: others,
            keep: () => run(parallelToKeep(plan.newOverlaps, moved?.id)),
            decide: () => {
              setClash(null);
              resolve();
            },
          });
        });
      } else {
        await run([]);
      }
    } catch (err) {
      setError(err);
      await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(slug, meetingRef.current.id) });
    } finally {
      setBusy(false);
    }
  }

  /**
   * Retimes one session (a drag in the day view): start and end in the meeting's zone, through
   * the same schedule request; a refused overlap may be kept by saving the session as parallel.
   */
  async function retime(session: SessionView, start: string, end: string) {
    setError(null);
    setBusy(true);
    try {
      showOptimistically([{ id: session.id, start, end }]);
      const id = meetingRef.current.id;
      const saved = await write(session.title, (parallel) =>
        parallel ? sessionMutations.update(slug, id, session.id, { start, end, parallel: true }) : sessionMutations.schedule(slug, id, [{ id: session.id, start, end }]),
      );
      if (!saved) await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(slug, meetingRef.current.id) });
    } catch (err) {
      setError(err);
      await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(slug, meetingRef.current.id) });
    } finally {
      setBusy(false);
    }
  }

  const dialog: ReactNode = clash ? <OverlapModal clash={clash} /> : null;
  return { write, reorder, retime, busy, error, clearError: () => setError(null), dialog, apply };
}

function OverlapModal({ clash }: { clash: Clash }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const keep = async () => {
    setPending(true);
    setFailed(null);
    try {
      await clash.keep();
      clash.decide(true);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={() => clash.decide(false)} centered radius="md" title={<Text fw={600}>{t('meetings.sessions.overlap.title')}</Text>} data-testid="overlap-dialog">
      <Stack gap="md">
        <Text size="sm">{clash.title ? t('meetings.sessions.overlap.bodyNamed', { title: clash.title }) : t('meetings.sessions.overlap.body')}</Text>
        {clash.overlaps.length ? (
          <List size="sm" spacing={2}>
            {clash.overlaps.map((o) => (
              <List.Item key={o.id}>{o.title}</List.Item>
            ))}
          </List>
        ) : null}
        <Text size="sm" c="dimmed">
          {t('meetings.sessions.overlap.explain')}
        </Text>
        {failed ? <ErrorAlert error={failed} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => clash.decide(false)} data-autofocus>
            {t('meetings.sessions.overlap.change')}
          </Button>
          <Button onClick={() => void keep()} loading={pending} data-testid="keep-parallel">
            {t('meetings.sessions.overlap.keep')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
