import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Timeline, TimelineItem } from '../../../core/timeline';
import { useTimeline } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { useGroupContext } from '../Group/context';
import { formatPlainDay, plainSpan } from './dates';
import classes from './Timeline.module.css';
import { isSameItem, TimelinePicture } from './TimelinePicture';
import { useItemText } from './useItemText';

/** The page of a meeting on the timeline (the timeline names meetings by number), if it is one. */
function useMeetingHref(): (item: TimelineItem) => string | null {
  const { group } = useGroupContext();
  return (item) => {
    const meeting = item.kind === 'meeting' && item.meeting ? group.meetings.find((m) => m.sequence === item.meeting?.sequence) : undefined;
    return meeting ? `/groups/${group.slug}/meetings/${meeting.id}` : null;
  };
}

/** A meeting on the timeline leads to its page. */
function useMeetingLink(): (item: TimelineItem, children: ReactNode) => ReactNode {
  const href = useMeetingHref();
  return (item, children) => {
    const to = href(item);
    return to ? (
      <Anchor component={Link} to={to} inherit data-testid="timeline-meeting-link">
        {children}
      </Anchor>
    ) : (
      children
    );
  };
}

/** The group's term as a timeline: what happened, what is planned, and what comes next. */
export function TimelineScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const timeline = useTimeline(group.slug);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2} className={classes.title}>
          {t('timeline.title')}
        </Title>
        {timeline.data ? (
          <Text size="sm" c="dimmed">
            {t('timeline.term', { start: formatPlainDay(timeline.data.termStart, currentLocale(), 'long'), end: formatPlainDay(timeline.data.termEnd, currentLocale(), 'long') })}
          </Text>
        ) : null}
      </div>
      {timeline.isError ? <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} /> : null}
      {timeline.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={96} radius="md" />
          <Skeleton height={260} radius="md" />
        </Stack>
      ) : timeline.data ? (
        <TimelineView timeline={timeline.data} />
      ) : null}
    </Stack>
  );
}

function TimelineView({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const href = useMeetingHref();
  const undated = timeline.items.filter((i) => i.date === null);
  return (
    <Stack gap="lg">
      <WhatComesNext next={timeline.next} />

      {/* The picture on wider screens; the list (below) is what screen readers and phones read. */}
      <Paper withBorder radius="md" p="md" className={classes.pictureFrame} aria-hidden="true">
        <TimelinePicture
          timeline={timeline}
          onOpen={(item) => {
            const to = href(item);
            return to ? () => void navigate(to) : null;
          }}
        />
        <Legend />
        {undated.length ? (
          <div className={classes.undated}>
            <Text size="xs" fw={600} c="dimmed" className={classes.caps}>
              {t('group.datesToBeSet')}
            </Text>
            <Group gap="xs" wrap="wrap">
              {undated.map((item, i) => (
                <UndatedChip key={i} item={item} next={isSameItem(timeline.next, item)} />
              ))}
            </Group>
          </div>
        ) : null}
      </Paper>

      <TimelineList timeline={timeline} />
    </Stack>
  );
}

function WhatComesNext({ next }: { next: TimelineItem | null }) {
  const { t } = useTranslation();
  const text = useItemText();
  const link = useMeetingLink();
  const words = next ? text(next, 'long') : null;
  return (
    <Paper radius="md" p="md" className={classes.next} role="region" aria-labelledby="next-title" data-testid="what-comes-next">
      <Text id="next-title" size="xs" fw={700} className={classes.nextLabel}>
        {t('timeline.next')}
      </Text>
      {words ? (
        <Stack gap={2} mt={4}>
          <Text fw={600} size="lg" className={classes.nextTitle}>
            {next ? link(next, words.title) : words.title}
          </Text>
          <Text size="sm">
            {words.when}
            {words.detail ? ` · ${words.detail}` : ''}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" mt={4}>
          {t('timeline.nothingNext')}
        </Text>
      )}
    </Paper>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="lg" wrap="wrap" mt="xs" className={classes.legend}>
      <span className={classes.legendItem}>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <rect x="3" y="3" width="8" height="8" transform="rotate(45 7 7)" className={classes.legendMark} />
        </svg>
        {t('timeline.legendDecision')}
      </span>
      <span className={classes.legendItem}>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <circle cx="7" cy="7" r="5" className={classes.legendMark} />
        </svg>
        {t('timeline.legendMeeting')}
      </span>
      <span className={classes.legendItem}>
        <svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">
          <rect x="1" y="3" width="20" height="8" rx="4" className={classes.legendMonth} />
        </svg>
        {t('timeline.legendMonth')}
      </span>
      <span className={classes.legendItem}>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <circle cx="7" cy="7" r="5" className={classes.legendNext} />
        </svg>
        {t('timeline.next')}
      </span>
    </Group>
  );
}

function UndatedChip({ item, next }: { item: TimelineItem; next: boolean }) {
  const text = useItemText();
  const words = text(item);
  return (
    <div className={classes.chip} data-next={next || undefined}>
      <Text size="sm" fw={600}>
        {words.title}
      </Text>
      {words.detail ? (
        <Text size="xs" c="dimmed">
          {words.detail}
        </Text>
      ) : null}
    </div>
  );
}

/**
 * The same timeline as an ordered list, in order, with today in its place: what a screen reader
 * reads, and on a phone the picture itself, drawn downwards.
 */
function TimelineList({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const text = useItemText();
  const link = useMeetingLink();
  const locale = currentLocale();
  const dated = timeline.items.filter((i) => i.date !== null);
  const undated = timeline.items.filter((i) => i.date === null);
  const today = plainSpan(timeline.today)?.start ?? 0;
  // Today goes before the first dated item that starts after it.
  const todayIndex = (() => {
    const i = dated.findIndex((item) => (plainSpan(item.date ?? '')?.start ?? 0) > today);
    return i === -1 ? dated.length : i;
  })();
  const entry = (item: TimelineItem, key: string) => {
    const words = text(item, 'long');
    const next = isSameItem(timeline.next, item);
    return (
      <li key={key} className={classes.entry} data-past={item.past || undefined} data-next={next || undefined} data-kind={item.kind}>
        <span className={classes.dot} aria-hidden="true" />
        {/* Undated items sit under their own heading, which says it once. */}
        {item.date !== null ? (
          <Text size="xs" c="dimmed" className={classes.entryWhen}>
            {words.when}
          </Text>
        ) : null}
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {link(item, words.title)}
          </Text>
          {next ? (
            <Badge size="xs" color="yellow" variant="light" radius="sm" tt="none" className={classes.nextBadge}>
              {t('timeline.nextShort')}
            </Badge>
          ) : null}
        </Group>
        {words.detail ? (
          <Text size="xs" c="dimmed">
            {words.detail}
          </Text>
        ) : null}
      </li>
    );
  };
  return (
    <section aria-labelledby="timeline-list-title" className={classes.listSection}>
      <Title order={3} size="h4" id="timeline-list-title" className={classes.listTitle}>
        {t('timeline.inOrder')}
      </Title>
      <ol className={classes.list} data-testid="timeline-list">
        {dated.slice(0, todayIndex).map((item, i) => entry(item, `d${i}`))}
        <li className={classes.todayEntry} aria-current="date">
          <span className={classes.dot} aria-hidden="true" />
          <Text size="sm" fw={600}>
            {t('timeline.todayOn', { date: formatPlainDay(timeline.today, locale, 'long') })}
          </Text>
        </li>
        {dated.slice(todayIndex).map((item, i) => entry(item, `d${todayIndex + i}`))}
        {undated.length ? (
          <li className={classes.groupEntry}>
            <Text size="xs" fw={700} c="dimmed" className={classes.caps}>
              {t('group.datesToBeSet')}
            </Text>
            <ol className={classes.list}>{undated.map((item, i) => entry(item, `u${i}`))}</ol>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
