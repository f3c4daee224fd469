import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitteeView } from '../../../core/council';
import type { ProposalContent } from '../../../core/proposals';
import { CommitteeList } from '../../components/CommitteeList';
import { formatMonth, formatPlainDate } from '../../components/format';
import { currentLocale } from '../../i18n';
import { CharterView } from '../Group/CharterView';
import classes from './Proposal.module.css';

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? classes.wide : undefined}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm">
        {children}
      </Text>
    </div>
  );
}

/** What a version of the proposal says: what it asks for (term, committees, meetings), then its text. */
export function ProposalContentView({ content, committees }: { content: ProposalContent; committees: CommitteeView[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const byId = new Map(committees.map((c) => [c.id, c]));
  const unknown = { id: '?', name: t('proposal.view.unknownCommittee') };
  const committee = (id: string) => byId.get(id) ?? { ...unknown, id };
  return (
    <div>
      <Box component="dl" className={classes.facts} data-testid="proposal-facts">
        <Fact label={t('proposal.view.term')}>
          <span className={classes.nums}>{t('groups.termRange', { start: formatPlainDate(content.termStart), end: formatPlainDate(content.termEnd) })}</span>
        </Fact>
        <Fact label={t('proposal.view.proposingCommittee')}>
          <span lang="en">{committee(content.proposingCommitteeId).name}</span>
        </Fact>
        <Fact label={t('proposal.view.coChairCommittees')} wide>
          <CommitteeList committees={content.coChairCommitteeIds.map(committee)} />
        </Fact>
        <Fact label={t('proposal.view.plannedMeetings')} wide>
          {content.plannedMeetings.length ? (
            <Box component="ol" className={classes.meetingList}>
              {content.plannedMeetings.map((m, i) => (
                <li key={i}>
                  <span className={classes.meetingNo}>{i + 1}.</span>
                  <span>
                    {[
                      m.hostCommitteeId ? t('group.host', { committee: committee(m.hostCommitteeId).name }) : t('proposal.view.hostUndecided'),
                      m.city,
                      m.plannedMonth ? formatMonth(m.plannedMonth, locale) : t('group.datesToBeSet'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </Box>
          ) : (
            t('group.noMeetings')
          )}
        </Fact>
      </Box>
      <CharterView charter={content.charter} />
    </div>
  );
}
