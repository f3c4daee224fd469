import { Alert, Anchor, Badge, Box, Breadcrumbs, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import type { GroupRole } from '../../../core/roles';
import type { GroupOverview } from '../../../core/study-groups';
import { useGroup, useGroupLineage, type GroupLineage, type RelatedGroup } from '../../api/queries';
import { CommitteeList } from '../../components/CommitteeList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { formatPlainDate } from '../../components/format';
import { NotFoundView } from '../../components/NotFound';
import { PageTitle } from '../../components/PageTitle';
import { RichTextView } from '../../components/RichTextView';
import { GroupStatusBadge } from '../../components/StatusBadge';
import { textLang } from '../../components/text-lang';
import { currentLocale } from '../../i18n';
import { CHARTER_SECTIONS, CharterView } from './CharterView';
import { localTitle, useGroupContext, type GroupContext } from './context';
import { GroupNav, tabLabel, useActiveTab } from './GroupNav';
import frame from './GroupFrame.module.css';
import classes from './GroupScene.module.css';
import { MeetingsSection } from './MeetingsSection';
import { CoChairsSection, DelegationsSection, ObserversSection, ParticipantsSection, SupportSection } from './PeopleSections';
import { GroupTimeZone } from './GroupTimeZone';

/** Set by the invitation link page: the person has just joined this group in this role. */
export interface JoinedState {
  joinedAs?: GroupRole;
}

/**
 * The frame of every page of one group: its header and the group's own navigation (overview,
 * proposal, members, timeline, sub-groups, audit trail), each a linkable address.
 */
export function GroupScene() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const group = useGroup(slug);
  const lineage = useGroupLineage(slug);

  if (group.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={14} width={180} />
        <Skeleton height={34} width="70%" />
        <Skeleton height={18} width="45%" />
        <Skeleton height={320} mt="lg" />
      </Stack>
    );
  }
  if (group.isError && !group.data) {
    if (isNotFound(group.error)) return <NotFoundView />;
    return <ErrorAlert error={group.error} onRetry={() => void group.refetch()} />;
  }
  // A member removed meanwhile: the next refresh answers 404 and the group is gone for them.
  if (group.isError && isNotFound(group.error)) return <NotFoundView />;
  return <Frame group={group.data} lineage={lineage.data} />;
}

function Frame({ group, lineage }: { group: GroupOverview; lineage: GroupLineage | undefined }) {
  const { t } = useTranslation();
  const location = useLocation();
  const locale = currentLocale();
  const title = localTitle(group, locale);
  const shortTitle = group.charter.texts[title.translated ? locale : group.charter.authoritative]?.shortTitle ?? title.text;
  const parent = lineage?.parent ?? null;
  const isSubGroup = group.kind === 'sub_group';
  const tab = useActiveTab();
  const currentTab = tab && tab !== 'overview' ? tabLabel(t, tab) : null;
  const joinedAs = (location.state as JoinedState | null)?.joinedAs;
  const [showJoined, setShowJoined] = useState(Boolean(joinedAs));
  const context: GroupContext = { group, lineage, isSubGroup };

  return (
    <Stack gap="lg">
      <Stack gap="sm" component="header">
        <Breadcrumbs separator="›" className={classes.breadcrumbs}>
          <Anchor component={Link} to="/" size="sm">
            {t('nav.studyGroups')}
          </Anchor>
          {parent ? (
            <Anchor component={Link} to={`/groups/${parent.slug}`} size="sm" lang={textLang(parent.title)}>
              {parent.title}
            </Anchor>
          ) : null}
          <Text size="sm" c="dimmed" lang={title.lang} aria-current="page">
            {shortTitle}
          </Text>
        </Breadcrumbs>
        <Group gap="xs">
          <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} lang="en">
            {group.council.acronym}
          </Text>
          <GroupStatusBadge status={group.status} size="sm" />
          {isSubGroup ? (
            <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none">
              {t('subGroups.badge')}
            </Badge>
          ) : null}
        </Group>
        <PageTitle lang={title.lang} documentTitle={currentTab ? `${currentTab} · ${title.text}` : title.text} className={classes.groupTitle}>
          {title.text}
        </PageTitle>
        {title.translated && title.text !== group.title ? (
          <Text c="dimmed" lang={group.charter.authoritative} mt={-4}>
            {group.title}
          </Text>
        ) : null}
        {parent ? <SubGroupOf parent={parent} /> : null}
      </Stack>

      {showJoined && joinedAs ? (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setShowJoined(false)}>
          {t('groupNav.joined', { role: t(`roles.${joinedAs}`) })}
        </Alert>
      ) : null}

      <GroupNav slug={group.slug} group={group} isSubGroup={isSubGroup} subGroupCount={lineage?.subGroups.length ?? 0} />

      <Outlet context={context} />
    </Stack>
  );
}

function SubGroupOf({ parent }: { parent: RelatedGroup }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('subGroups.subGroupOf')}{' '}
      <Anchor component={Link} to={`/groups/${parent.slug}`} lang={textLang(parent.title)}>
        {parent.title}
      </Anchor>
    </Text>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.fact}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm">
        {children}
      </Text>
    </div>
  );
}

function GroupLinks({ groups }: { groups: RelatedGroup[] }) {
  return (
    <>
      {groups.map((g, i) => (
        <span key={g.slug} className={frame.related}>
          <Anchor component={Link} to={`/groups/${g.slug}`} lang={textLang(g.title)}>
            {g.title}
          </Anchor>{' '}
          <GroupStatusBadge status={g.status} size="sm" />
          {i < groups.length - 1 ? ', ' : ''}
        </span>
      ))}
    </>
  );
}

/** "Follows on from …" and "Follow-on proposals: …" (objective (d)), when there are any. */
function LineageLinks({ lineage }: { lineage: GroupLineage | undefined }) {
  const { t } = useTranslation();
  if (!lineage || (!lineage.follows && lineage.followOns.length === 0)) return null;
  return (
    <Stack gap={2} data-testid="lineage">
      {lineage.follows ? (
        <Text size="sm" component="div">
          <Text span c="dimmed" size="sm">
            {t('groupNav.followsOn')}
          </Text>{' '}
          <GroupLinks groups={[lineage.follows]} />
        </Text>
      ) : null}
      {lineage.followOns.length ? (
        <Text size="sm" component="div">
          <Text span c="dimmed" size="sm">
            {t('groupNav.followOns')}
          </Text>{' '}
          <GroupLinks groups={lineage.followOns} />
        </Text>
      ) : null}
    </Stack>
  );
}

/** The group's term, co-chairs, participants and the viewer's roles. */
function Facts({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  return (
    <Box component="dl" className={`${classes.facts} ${frame.facts}`}>
      <Fact label={t('groups.term')}>
        <span className={classes.nums}>{t('groups.termRange', { start: formatPlainDate(group.termStart), end: formatPlainDate(group.termEnd) })}</span>
      </Fact>
      {group.coChairCommittees.length ? (
        <Fact label={t('groups.coChairs')}>
          <CommitteeList committees={group.coChairCommittees} />
        </Fact>
      ) : null}
      <Fact label={t('group.participants')}>
        <Anchor component={Link} to={`/groups/${group.slug}/members`} size="sm">
          {t('groups.members', { count: group.participantCount })}
        </Anchor>
      </Fact>
      {group.myRoles.length ? (
        <Fact label={t('groups.yourRoles')}>
          <Group gap={4} component="span">
            {group.myRoles.map((r) => (
              <Badge key={r} variant="outline" color="navy" size="sm" radius="sm" tt="none">
                {t(`roles.${r}`)}
              </Badge>
            ))}
          </Group>
        </Fact>
      ) : null}
    </Box>
  );
}

/** A link to a section (…#meetings) arrives before the section exists: scroll once it does. */
function useScrollToHash() {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash.length > 1) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
}

function Contents({ sections }: { sections: { id: string; label: string; children?: { id: string; label: string }[] }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('group.contents')} className={classes.toc}>
      <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} mb="xs">
        {t('group.contents')}
      </Text>
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.label}</a>
            {s.children ? (
              <ul>
                {s.children.map((c) => (
                  <li key={c.id}>
                    <a href={`#${c.id}`}>{c.label}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={classes.section}>
      <Title order={2} id={`${id}-title`} className={classes.sectionTitle}>
        {title}
      </Title>
      {children}
    </section>
  );
}

/** The overview: the group's facts, its charter, its people and its meetings. */
export function GroupOverviewPage() {
  const { group, lineage, isSubGroup } = useGroupContext();
  const { t } = useTranslation();
  useScrollToHash();
  if (isSubGroup) return <SubGroupOverview group={group} />;

  const sections = [
    { id: 'charter', label: t('group.charter'), children: CHARTER_SECTIONS.map((s) => ({ id: s, label: t(`group.sections.${s}`) })) },
    { id: 'co-chairs', label: t('group.coChairs') },
    { id: 'delegations', label: t('group.delegations') },
    { id: 'observers', label: t('group.observers') },
    { id: 'support', label: t('group.otherRoles') },
    { id: 'meetings', label: t('group.meetings') },
  ];

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Facts group={group} />
        {group.proposingCommittee || group.approval ? (
          <Stack gap={2}>
            {group.proposingCommittee ? (
              <Text size="sm" c="dimmed">
                {t('group.proposedBy', { committee: group.proposingCommittee.name })}
              </Text>
            ) : null}
            {group.approval ? (
              <Text size="sm" c="dimmed">
                {t('group.approvedAt', { number: group.approval.number, count: group.approval.number, ordinal: true, place: group.approval.place, date: formatPlainDate(group.approval.heldOn) })}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        <GroupTimeZone group={group} />
        <LineageLinks lineage={lineage} />
        {group.status === 'approved' ? (
          <Alert color="blue" variant="light" data-testid="approved-note">
            {t('group.approvedNote', { date: formatPlainDate(group.termStart) })}
          </Alert>
        ) : null}
      </Stack>

      <div className={classes.layout}>
        <Contents sections={sections} />
        <Stack gap={48} className={classes.body}>
          <Section id="charter" title={t('group.charter')}>
            <CharterView charter={group.charter} />
          </Section>
          <Section id="co-chairs" title={t('group.coChairs')}>
            <CoChairsSection group={group} />
          </Section>
          <Section id="delegations" title={t('group.delegations')}>
            <DelegationsSection group={group} />
          </Section>
          <Section id="observers" title={t('group.observers')}>
            <ObserversSection group={group} />
          </Section>
          <Section id="support" title={t('group.otherRoles')}>
            <SupportSection group={group} />
          </Section>
          <Section id="meetings" title={t('group.meetings')}>
            <MeetingsSection meetings={group.meetings} />
          </Section>
        </Stack>
      </div>
    </Stack>
  );
}

/** A sub-group's overview: its focus, its participants (no delegation heads there) and meetings. */
function SubGroupOverview({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const lang = group.charter.texts[locale] ? locale : group.charter.authoritative;
  const text = group.charter.texts[lang];
  const sections = [
    { id: 'focus', label: t('subGroups.focus') },
    { id: 'participants', label: t('group.participants') },
    { id: 'meetings', label: t('group.meetings') },
  ];
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Facts group={group} />
        <GroupTimeZone group={group} />
      </Stack>
      <div className={classes.layout}>
        <Contents sections={sections} />
        <Stack gap={48} className={classes.body}>
          <Section id="focus" title={t('subGroups.focus')}>
            <article lang={lang} className={`${classes.charter} ${classes.charterSection}`}>
              {text ? <RichTextView doc={text.introduction} /> : null}
            </article>
          </Section>
          <Section id="participants" title={t('group.participants')}>
            <ParticipantsSection group={group} />
          </Section>
          <Section id="meetings" title={t('group.meetings')}>
            <MeetingsSection meetings={group.meetings} />
          </Section>
        </Stack>
      </div>
    </Stack>
  );
}
