import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '../../../core/roles';
import type { TimelineItem } from '../../../core/timeline';
import { currentLocale } from '../../i18n';
import { formatPlainDay, formatPlainMonth } from './dates';

const TRANSITIONS = ['submit', 'withdraw', 'approve', 'return', 'reject', 'activate', 'extend', 'begin_conclusion', 'conclude'] as const;
type KnownTransition = (typeof TRANSITIONS)[number];
const MEETING_STATUSES: readonly string[] = ['planned', 'convened', 'report_drafting', 'report_circulated', 'report_final', 'postponed', 'cancelled'];

export interface ItemText {
  /** What it is: 'Approved by the Steering Committee', 'Meeting 2'. */
  title: string;
  /** When, in the UI language: a day, a month, or 'Dates to be set'. */
  when: string;
  /** Where and by whom, when known: 'Host: CSCAP-China · Seoul'. */
  detail: string;
}

/** Words for a timeline item in the UI language; dates are plain and never shift with a time zone. */
export function useItemText(): (item: TimelineItem, style?: 'medium' | 'long') => ItemText {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (item, style = 'medium') => {
    const when =
      item.date === null ? t('group.datesToBeSet') : item.precision === 'month' ? formatPlainMonth(item.date, locale, style === 'long' ? 'long' : 'short') : formatPlainDay(item.date, locale, style);
    switch (item.kind) {
      case 'term_start':
        return { title: t('timeline.termStart'), when, detail: '' };
      case 'term_end':
        return { title: t('timeline.termEnd'), when, detail: '' };
      case 'submitted':
        return { title: t('timeline.submitted'), when, detail: item.versionNumber ? t('timeline.version', { number: item.versionNumber }) : '' };
      case 'decision': {
        const known = TRANSITIONS.includes(item.transition as KnownTransition) ? (item.transition as KnownTransition) : null;
        return {
          title: known ? t(`timeline.transitions.${known}`) : (item.transition ?? t('timeline.decision')),
          when,
          detail: item.scMeeting ? t('timeline.scMeeting', { number: item.scMeeting.number, place: item.scMeeting.place }) : '',
        };
      }
      case 'meeting': {
        const m = item.meeting;
        const status = m && m.status !== 'planned' && MEETING_STATUSES.includes(m.status) ? t(`meetingStatus.${m.status as MeetingStatus}`) : null;
        const detail = [m?.host ? t('group.host', { committee: m.host }) : null, m?.city, status].filter(Boolean).join(' · ');
        return { title: m ? t('group.meetingNumber', { number: m.sequence }) : t('timeline.meeting'), when, detail };
      }
    }
  };
}
