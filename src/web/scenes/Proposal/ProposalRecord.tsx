import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIMITS } from '../../../core/limits';
import { TRANSITION_NAMES, type Transition } from '../../../core/lifecycle';
import type { DecisionView, ProposalView } from '../../../core/proposals';
import { api } from '../../api/client';
import { proposalKeys, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatPlainDate } from '../../components/format';
import { textLang } from '../../components/text-lang';
import { currentLocale } from '../../i18n';
import classes from './Proposal.module.css';

export const isTransition = (s: string): s is Transition => (TRANSITION_NAMES as string[]).includes(s);

const DECISION_COLORS: Record<string, string> = {
  submit: 'blue',
  withdraw: 'gray',
  approve: 'teal',
  return: 'orange',
  reject: 'red',
  activate: 'green',
  extend: 'navy',
  begin_conclusion: 'violet',
  conclude: 'dark',
};

export function RecordSection({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" id={id} aria-labelledby={`${id}-title`} className={classes.anchor}>
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Title order={2} size="h4" id={`${id}-title`} className={classes.panelTitle}>
            {title}
          </Title>
          {count !== undefined ? (
            <Badge variant="light" color="gray" radius="sm" size="sm">
              {count}
            </Badge>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** An SC meeting as a decision names it: 'SC meeting no. 51, Hanoi, 2019-12-02'. */
export function scMeetingLabel(t: TFunction, m: { number: number; place: string; heldOn: string }) {
  return t('proposal.scMeeting', { number: m.number, place: m.place, date: formatPlainDate(m.heldOn) });
}

/** Every lifecycle step, oldest first: the step, its SC meeting, reasons, who and when. */
export function DecisionsList({ decisions }: { decisions: DecisionView[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  if (!decisions.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('proposal.record.noDecisions')}
      </Text>
    );
  }
  return (
    <Timeline active={decisions.length - 1} bulletSize={14} lineWidth={2} color="navy" data-testid="decisions">
      {decisions.map((d, i) => (
        <Timeline.Item
          key={`${d.decidedAt}-${i}`}
          color={DECISION_COLORS[d.transition] ?? 'navy'}
          title={
            <Text size="sm" fw={600}>
              {isTransition(d.transition) ? t(`proposal.decision.${d.transition}`) : d.transition}
            </Text>
          }
        >
          <Stack gap={2}>
            {d.scMeeting ? (
              <Text size="sm" data-testid="decision-sc-meeting">
                {scMeetingLabel(t, d.scMeeting)}
              </Text>
            ) : null}
            {d.transition === 'extend' && d.termEnd ? (
              <Text size="sm">{t('proposal.record.extendedTo', { date: formatPlainDate(d.termEnd) })}</Text>
            ) : null}
            {d.reasons ? (
              <Text size="sm" component="blockquote" className={classes.reasons} lang={textLang(d.reasons)}>
                {d.reasons}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {[d.decidedBy ? t('proposal.record.by', { name: d.decidedBy }) : t('proposal.record.automatic'), formatDateTime(d.decidedAt, locale, me.timeZone), d.versionNumber ? t('proposal.record.versionN', { number: d.versionNumber }) : null]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** The Steering Committee's review: comments seen by the SC and the proposers, and a box to add one. */
export function ReviewsThread({ slug, view }: { slug: string; view: ProposalView }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const canComment = view.allowedActions.includes('proposal.review');
  const post = useMutation({
    mutationFn: () => api('POST', `/api/study-groups/${encodeURIComponent(slug)}/reviews`, { body: body.trim() }),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: proposalKeys.proposal(slug) });
    },
  });
  const reviews = view.reviews ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) post.mutate();
  };
  return (
    <Stack gap="sm">
      {reviews.length ? (
        <ul className={classes.comments} data-testid="reviews">
          {reviews.map((r) => (
            <li key={r.id} className={classes.comment}>
              <Group gap={6} justify="space-between" wrap="wrap">
                <Text size="sm" fw={600} lang="en">
                  {r.author ?? t('proposal.record.formerUser')}
                </Text>
                <Badge variant="outline" color="gray" size="xs" radius="sm" tt="none">
                  {t('proposal.record.versionN', { number: r.versionNumber })}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(r.createdAt, locale, me.timeZone)}
              </Text>
              <Text size="sm" mt={4} className={classes.preWrap} lang={textLang(r.body)}>
                {r.body}
              </Text>
            </li>
          ))}
        </ul>
      ) : (
        <Text size="sm" c="dimmed">
          {t('proposal.record.noReviews')}
        </Text>
      )}
      {canComment ? (
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Textarea
              label={t('proposal.record.addComment')}
              autosize
              minRows={3}
              maxRows={12}
              maxLength={LIMITS.reviewMax}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                if (post.isError) post.reset();
              }}
              data-testid="review-body"
            />
            {post.isError ? <ErrorAlert error={post.error} /> : null}
            <Group justify="flex-end">
              <Button type="submit" size="sm" loading={post.isPending} disabled={!body.trim()} data-testid="post-review">
                {t('proposal.record.postComment')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

/** Every saved version, newest first, each readable as it was. */
export function VersionsList({ slug, view }: { slug: string; view: ProposalView }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table className={classes.versionTable} verticalSpacing={6} horizontalSpacing="xs" fz="sm" data-testid="versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('proposal.record.versionCol')}</Table.Th>
            <Table.Th>{t('proposal.record.savedCol')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.versions.map((v) => (
            <Table.Tr key={v.number} className={v.number === view.current.number ? classes.current : undefined}>
              <Table.Td className={classes.nums}>
                <Anchor component={Link} to={`/groups/${slug}/proposal/versions/${v.number}`} fw={600} aria-label={t('proposal.record.viewVersion', { number: v.number })}>
                  {v.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {v.note ? (
                    <Text size="sm" className={classes.preWrap} lang={textLang(v.note)}>
                      {v.note}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {[v.createdBy ? t('proposal.record.by', { name: v.createdBy }) : null, formatDateTime(v.createdAt, locale, me.timeZone)].filter(Boolean).join(' · ')}
                  </Text>
                  {v.submittedAt ? (
                    <Group gap={4}>
                      <Badge size="xs" variant="light" color="blue" radius="sm" tt="none">
                        {t('proposal.record.submitted')}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(v.submittedAt, locale, me.timeZone)}
                      </Text>
                    </Group>
                  ) : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
