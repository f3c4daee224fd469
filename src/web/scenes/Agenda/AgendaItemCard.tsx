import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgendaItemAction, AgendaItemStatus, AgendaItemView } from '../../../core/agenda';
import { formatDate, languageName, personNameParts } from '../../components/format';
import { textLang } from '../../components/text-lang';
import { formatDayTime } from '../../components/time/format';
import { currentLocale } from '../../i18n';
import { useGroupContext } from '../Group/context';
import { sessionAnchor } from '../Meetings/Timetable/sessionAgenda';
import classes from './Agenda.module.css';
import { itemAnchor } from './agenda';

const STATUS_COLORS: Record<AgendaItemStatus, string> = { open: 'green', closed: 'gray', withdrawn: 'orange' };

/** An item's state, in words: open, closed, withdrawn. */
export function AgendaStatusBadge({ status }: { status: AgendaItemStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" tt="none" data-testid="agenda-status" data-status={status}>
      {t(`agenda.status.${status}`)}
    </Badge>
  );
}

/** The order the steps are offered in, the everyday one first. */
const ACTION_ORDER: readonly AgendaItemAction[] = ['edit', 'close', 'reopen', 'withdraw'];

/**
 * One issue on the open agenda: its number and state, its title and description in the language
 * it was written in (so Chinese, Japanese and Korean take their own fonts), who raised it and for
 * which delegation, why it was closed, the sessions that take it up, and the steps the viewer may take.
 */
export function AgendaItemCard({ item, highlighted, onStep }: { item: AgendaItemView; highlighted: boolean; onStep: (step: AgendaItemAction) => void }) {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const locale = currentLocale();
  const label = t('agenda.itemNumber', { number: item.number });
  const isObserver = item.proposedBy ? group.observers.some((o) => o.id === item.proposedBy?.id) : false;
  const actions = ACTION_ORDER.filter((a) => item.allowedActions.includes(a));
  const headingId = `${itemAnchor(item.number)}-title`;

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      id={itemAnchor(item.number)}
      tabIndex={-1}
      className={classes.card}
      component="article"
      aria-labelledby={headingId}
      data-highlighted={highlighted || undefined}
      data-status={item.status}
      data-number={item.number}
      data-testid="agenda-item"
    >
      <div className={classes.number} aria-hidden="true">
        {item.number}
      </div>
      <Stack gap={8} className={classes.body}>
        <Group gap="xs" wrap="wrap">
          <Text size="xs" fw={600} c="dimmed" className={classes.caps} data-testid="agenda-item-number">
            {label}
          </Text>
          <AgendaStatusBadge status={item.status} />
          {item.lang !== locale ? (
            <Text size="xs" c="dimmed" data-testid="agenda-item-lang">
              {t('agenda.writtenIn', { language: languageName(item.lang, locale) })}
            </Text>
          ) : null}
        </Group>
        <Title order={3} size="h4" id={headingId} className={classes.itemTitle}>
          <span className={classes.visuallyHidden}>{label}: </span>
          <span lang={item.lang} data-testid="agenda-item-title">
            {item.title}
          </span>
        </Title>
        {item.description ? (
          <Text size="sm" className={classes.description} lang={item.lang} data-testid="agenda-item-description">
            {item.description}
          </Text>
        ) : null}

        {item.status === 'closed' && item.statusReason ? (
          <Text size="sm" className={classes.reason} data-testid="agenda-item-reason">
            {t('agenda.closedBecause', { reason: item.statusReason })}
          </Text>
        ) : null}
        {item.status === 'withdrawn' ? (
          <Text size="sm" c="dimmed" data-testid="agenda-item-withdrawn">
            {t('agenda.withdrawnNote')}
          </Text>
        ) : null}

        <Text size="sm" component="div" className={classes.meta} data-testid="agenda-item-proposer">
          {item.proposedBy ? (
            <span>
              <Text span size="sm" c="dimmed">
                {t('agenda.raisedBy')}
              </Text>{' '}
              <PersonInline person={item.proposedBy} />
            </span>
          ) : null}
          {item.committee ? <span data-testid="agenda-item-delegation">{item.committee.name}</span> : null}
          {isObserver ? <span>{t('agenda.observer')}</span> : null}
          <Text span size="sm" c="dimmed">
            {t('agenda.raisedOn', { date: formatDate(item.createdAt, locale) })}
          </Text>
        </Text>

        <ItemSessions item={item} />

        {actions.length ? (
          <Group gap="xs" wrap="wrap" role="group" aria-label={t('agenda.actions.label', { number: item.number })} className={classes.actions}>
            {actions.map((a) => (
              <Button key={a} size="compact-sm" variant={a === 'withdraw' ? 'subtle' : 'default'} color={a === 'withdraw' ? 'red' : undefined} onClick={() => onStep(a)} data-testid={`agenda-${a}`}>
                {t(`agenda.actions.${a}`)}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** "Taken up in": each session, under its meeting's number, at its time in the meeting's zone, linked to its place on the timetable. */
function ItemSessions({ item }: { item: AgendaItemView }) {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const locale = currentLocale();
  if (!item.sessions.length) {
    return (
      <Text size="xs" c="dimmed" data-testid="agenda-item-no-sessions">
        {t('agenda.notTakenUp')}
      </Text>
    );
  }
  const sessions = [...item.sessions].sort((a, b) => a.start.localeCompare(b.start));
  return (
    <div className={classes.sessions} data-testid="agenda-item-sessions">
      <Text size="xs" fw={600} c="dimmed" className={classes.caps}>
        {t('agenda.takenUpIn')}
      </Text>
      <ul className={classes.sessionList}>
        {sessions.map((s) => {
          const zone = group.meetings.find((m) => m.id === s.meetingId)?.timeZone ?? null;
          return (
            <li key={s.sessionId} className={classes.session}>
              <Anchor component={Link} to={`/groups/${group.slug}/meetings/${s.meetingId}#${sessionAnchor(s.sessionId)}`} size="sm" data-testid="agenda-item-session">
                {t('group.meetingNumber', { number: s.meetingSequence })} · <span className={classes.sessionTitle} lang={textLang(s.title)}>{s.title}</span>
              </Anchor>{' '}
              <Text span size="xs" c="dimmed" className={classes.nums}>
                {zone ? formatDayTime(s.start, zone, locale, true) : formatDate(s.start, locale)}
              </Text>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A person's name in the reader's script where they have one, else the Latin name. */
function PersonInline({ person }: { person: { displayName: string; names: Record<string, string> } }) {
  const parts = personNameParts(person.names, person.displayName, currentLocale());
  return parts.local ? (
    <span>
      <span lang={parts.local.lang}>{parts.local.text}</span>{' '}
      <span lang="en" className={classes.latin}>
        ({parts.latin})
      </span>
    </span>
  ) : (
    <span lang="en">{parts.latin}</span>
  );
}
