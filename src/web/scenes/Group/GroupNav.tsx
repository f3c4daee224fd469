import { useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { StudyGroupStatus } from '../../../core/roles';
import type { GroupOverview } from '../../../core/study-groups';
import classes from './GroupNav.module.css';

export const GROUP_TABS = ['overview', 'proposal', 'members', 'meetings', 'agenda', 'timeline', 'drafts', 'subGroups', 'audit'] as const;
export type GroupTab = (typeof GROUP_TABS)[number];

/** Statuses in which a group does its work, and may form sub-groups. */
const WORKING: readonly StudyGroupStatus[] = ['approved', 'active', 'concluding', 'concluded'];

const PATHS: Record<GroupTab, string> = {
  overview: '',
  proposal: '/proposal',
  members: '/members',
  meetings: '/meetings',
  agenda: '/agenda',
  timeline: '/timeline',
  drafts: '/drafts',
  subGroups: '/sub-groups',
  audit: '/audit',
};

/** A tab's name in the UI language (the meetings tab uses the overview's word for them). */
export function tabLabel(t: TFunction, tab: GroupTab): string {
  return tab === 'meetings' ? t('group.meetings') : t(`groupNav.${tab}`);
}

/** Which of the group's pages the address is on (null: one this navigation does not name). */
export function useActiveTab(): GroupTab | null {
  const { slug = '' } = useParams();
  const { pathname } = useLocation();
  const base = `/groups/${slug}`;
  const rest = pathname.startsWith(base) ? pathname.slice(base.length).replace(/\/$/, '') : null;
  if (rest === null) return null;
  if (rest === '') return 'overview';
  return GROUP_TABS.find((tab) => tab !== 'overview' && (rest === PATHS[tab] || rest.startsWith(`${PATHS[tab]}/`))) ?? null;
}

/**
 * The group's own navigation: each page has its address, so it can be bookmarked and shared.
 * Only what the viewer may use is listed (the audit trail for co-chairs and the secretariat).
 */
export function GroupNav({ slug, group, isSubGroup, subGroupCount }: { slug: string; group: GroupOverview; isSubGroup: boolean; subGroupCount: number }) {
  const { t } = useTranslation();
  const active = useActiveTab();
  const navRef = useRef<HTMLElement>(null);
  // On a phone the row scrolls sideways: keep the current page's tab in view.
  useEffect(() => {
    const nav = navRef.current;
    const link = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !link) return;
    const { offsetLeft, offsetWidth } = link;
    if (offsetLeft < nav.scrollLeft || offsetLeft + offsetWidth > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = offsetLeft - 16;
  }, [active]);
  const tabs = GROUP_TABS.filter((tab) => {
    if (tab === 'audit') return group.allowedActions.includes('audit.view');
    // A sub-group has neither a proposal of its own nor sub-groups under it; a proposal not
    // yet approved has none either.
    if (tab === 'proposal') return !isSubGroup;
    if (tab === 'subGroups') return !isSubGroup && (subGroupCount > 0 || WORKING.includes(group.status));
    // The open agenda is the working group's: a proposal under review has none yet.
    if (tab === 'agenda') return WORKING.includes(group.status);
    // Drafts of recommendations (#5): for those who may read them, once the group works.
    if (tab === 'drafts') return group.allowedActions.includes('drafts.view') && WORKING.includes(group.status);
    return true;
  });
  return (
    <nav aria-label={t('groupNav.label')} className={classes.nav} ref={navRef}>
      <ul className={classes.list}>
        {tabs.map((tab) => (
          <li key={tab}>
            <Link
              to={`/groups/${slug}${PATHS[tab]}`}
              className={classes.link}
              data-active={active === tab || undefined}
              aria-current={active === tab ? 'page' : undefined}
              data-testid={`group-tab-${tab}`}
            >
              {tabLabel(t, tab)}
              {tab === 'members' ? <span className={classes.count}>{group.participantCount}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
