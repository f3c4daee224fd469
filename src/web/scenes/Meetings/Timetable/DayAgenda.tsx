import { ActionIcon, Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../../../../core/meetings';
import { personNameParts } from '../../../components/format';
import { SessionClock } from '../../../components/time/ZonedTime';
import { textLang } from '../../../components/text-lang';
import { currentLocale } from '../../../i18n';
import { itemAnchor } from '../../Agenda/agenda';
import { sessionAnchor } from './sessionAgenda';
import { clashing, type DayOfSessions } from './timetable';
import classes from './Timetable.module.css';
import { useListDrag } from './useListDrag';

interface Props {
  day: DayOfSessions;
  zone: string;
  showMine: boolean;
  canManage: boolean;
  busy: boolean;
  onMove: (from: number, to: number) => void;
  onEdit: (session: SessionView) => void;
  onDelete: (session: SessionView) => void;
  /** Titles of all sessions, to name what a session runs beside. */
  allSessions: SessionView[];
  /** Where the session's agenda items and papers link to. */
  slug: string;
  meetingId: string;
  /** The session the address points at (…#session-<id>), marked. */
  anchoredId: string | null;
}

/** One day's sessions as an agenda; those who plan the meeting drag a row (or use its arrows) to change the order. */
export function DayAgenda({ day, zone, showMine, canManage, busy, onMove, onEdit, onDelete, allSessions, slug, meetingId, anchoredId }: Props) {
  const { t } = useTranslation();
  const { drag, rowRef, handleProps, rowStyle } = useListDrag(onMove);
  if (!day.sessions.length) {
    return (
      <Text size="sm" c="dimmed" className={classes.emptyDay}>
        {t('meetings.sessions.noneThatDay')}
      </Text>
    );
  }
  return (
    <ol className={classes.agenda} data-dragging={drag ? true : undefined} aria-busy={busy || undefined}>
      {day.sessions.map((s, i) => (
        <li
          key={s.id}
          id={sessionAnchor(s.id)}
          tabIndex={-1}
          ref={rowRef(i)}
          style={rowStyle(i)}
          className={classes.row}
          data-testid="session-row"
          data-session-id={s.id}
          data-dragged={drag?.from === i || undefined}
          data-anchored={anchoredId === s.id || undefined}
        >
          {canManage ? (
            <div className={classes.handle} {...handleProps(i)} title={t('meetings.sessions.dragToMove')} aria-hidden="true" data-testid="session-drag">
              <svg width="10" height="16" viewBox="0 0 10 16" aria-hidden="true">
                {[2, 8, 14].flatMap((y) => [2, 8].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.4" fill="currentColor" />))}
              </svg>
            </div>
          ) : null}
          <div className={classes.rowTime}>
            <SessionClock start={s.start.instant} end={s.end.instant} zone={zone} showMine={showMine} day={day.date} />
          </div>
          <div className={classes.rowBody}>
            <Text fw={600} size="sm" className={classes.sessionTitle} lang={textLang(s.title)} data-testid="session-title">
              {s.title}
            </Text>
            <SessionPeople session={s} />
            {s.description ? (
              <Text size="sm" c="dimmed" className={classes.description} lang={textLang(s.description)}>
                {s.description}
              </Text>
            ) : null}
            <SessionLinks session={s} slug={slug} meetingId={meetingId} />
            <SessionWarnings session={s} allSessions={allSessions} />
          </div>
          {canManage ? (
            <Group gap={2} wrap="nowrap" className={classes.rowActions}>
              <ActionIcon variant="subtle" color="gray" onClick={() => onMove(i, i - 1)} disabled={busy || i === 0} aria-label={t('meetings.sessions.moveUp', { title: s.title })} data-testid="session-up">
                <Arrow up />
              </ActionIcon>
              <ActionIcon variant="subtle" color="gray" onClick={() => onMove(i, i + 1)} disabled={busy || i === day.sessions.length - 1} aria-label={t('meetings.sessions.moveDown', { title: s.title })} data-testid="session-down">
                <Arrow />
              </ActionIcon>
              <ActionIcon variant="subtle" color="navy" onClick={() => onEdit(s)} aria-label={t('meetings.sessions.editNamed', { title: s.title })} data-testid="session-edit">
                <Pencil />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" onClick={() => onDelete(s)} aria-label={t('meetings.sessions.deleteNamed', { title: s.title })} data-testid="session-delete">
                <Bin />
              </ActionIcon>
            </Group>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function PersonInline({ person }: { person: { displayName: string; names: Record<string, string> } }) {
  const parts = personNameParts(person.names, person.displayName, currentLocale());
  return parts.local ? <span lang={parts.local.lang}>{parts.local.text}</span> : <span lang="en">{parts.latin}</span>;
}

function joined(items: React.ReactNode[]) {
  return items.flatMap((x, i) => (i === 0 ? [x] : [', ', x]));
}

/** 'Chair: …' and 'Speakers: …, guests', in the reader's script where people have one. */
export function SessionPeople({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const speakers = session.speakers.map((p) => <PersonInline key={p.id} person={p} />);
  return (
    <>
      {session.chair ? (
        <Text size="sm" className={classes.people}>
          <Text span size="sm" c="dimmed">
            {t('meetings.sessions.chair')}
          </Text>{' '}
          <PersonInline person={session.chair} />
        </Text>
      ) : null}
      {speakers.length || session.guestSpeakers ? (
        <Text size="sm" className={classes.people}>
          <Text span size="sm" c="dimmed">
            {t('meetings.sessions.speakers')}
          </Text>{' '}
          {joined([...speakers, ...(session.guestSpeakers ? [<span key="guests">{session.guestSpeakers}</span>] : [])])}
        </Text>
      ) : null}
    </>
  );
}

/**
 * The open agenda's items the session takes up, as chips that lead to each item on the group's
 * agenda ("Item 2 · Trust-building…", the title in its own language), and the papers brought to
 * it, leading to the meeting's materials.
 */
export function SessionLinks({ session, slug, meetingId }: { session: SessionView; slug: string; meetingId: string }) {
  const { t } = useTranslation();
  if (!session.agendaItems.length && !session.papers.length) return null;
  return (
    <div className={classes.links}>
      {session.agendaItems.length ? (
        <div className={classes.linkRow} data-testid="session-agenda-items">
          <Text span size="xs" c="dimmed" className={classes.linkLabel}>
            {t('meetings.sessions.agendaItems')}
          </Text>
          {session.agendaItems.map((item) => (
            <Anchor
              key={item.id}
              component={Link}
              to={`/groups/${slug}/agenda#${itemAnchor(item.number)}`}
              className={classes.chip}
              data-status={item.status}
              title={item.title}
              data-testid="session-agenda-chip"
              data-number={item.number}
            >
              <span className={classes.chipNumber}>{t('agenda.itemNumber', { number: item.number })}</span>
              <span className={classes.chipTitle} lang={item.lang}>
                {item.title}
              </span>
              {item.status !== 'open' ? <span className={classes.chipStatus}>{t(`agenda.status.${item.status}`)}</span> : null}
            </Anchor>
          ))}
        </div>
      ) : null}
      {session.papers.length ? (
        <div className={classes.linkRow} data-testid="session-papers">
          <Text span size="xs" c="dimmed" className={classes.linkLabel}>
            {t('meetings.sessions.papers')}
          </Text>
          {session.papers.map((paper) => (
            <Anchor key={paper.id} component={Link} to={`/groups/${slug}/meetings/${meetingId}/materials`} size="sm" className={classes.paper} lang={textLang(paper.title)} data-testid="session-paper">
              {paper.title}
            </Anchor>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A break-out marked parallel says so; a session that clashes with another (neither marked
 * parallel, as in timetables made before sessions kept the mark) is flagged with the sessions
 * it runs beside; so is a session outside the meeting's days.
 */
export function SessionWarnings({ session, allSessions }: { session: SessionView; allSessions: SessionView[] }) {
  const { t } = useTranslation();
  if (!session.parallel && !session.warnings.length) return null;
  const beside = clashing(allSessions, session.id).map((o) => o.title);
  return (
    <Group gap={6} mt={4} wrap="wrap">
      {session.parallel ? (
        <Badge color="navy" variant="light" radius="sm" tt="none" data-testid="parallel-badge">
          {t('meetings.sessions.warnings.overlap')}
        </Badge>
      ) : null}
      {session.warnings.includes('overlap') && !session.parallel ? (
        <Badge color="orange" variant="light" radius="sm" tt="none" className={classes.clashBadge} data-testid="warning-overlap">
          {t('meetings.sessions.warnings.overlapWith', { titles: beside.join(' · ') })}
        </Badge>
      ) : null}
      {session.warnings.includes('outside_meeting_days') ? (
        <Badge color="red" variant="light" radius="sm" tt="none" data-testid="warning-outside">
          {t('meetings.sessions.warnings.outside_meeting_days')}
        </Badge>
      ) : null}
    </Group>
  );
}

const Arrow = ({ up = false }: { up?: boolean }) => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" style={up ? undefined : { transform: 'rotate(180deg)' }}>
    <path d="M12 19V5M5 12l7-7 7 7" />
  </svg>
);
const Pencil = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
  </svg>
);
const Bin = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6" />
  </svg>
);
