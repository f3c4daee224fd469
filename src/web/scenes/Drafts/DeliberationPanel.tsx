import { Badge, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAmendments, useCommentThreads } from '../../api/queries';
import { AmendmentsPanel } from './AmendmentsPanel';
import { CommentsPanel } from './CommentsPanel';
import type { DeliberationProps } from './deliberation-shared';
import { PositionsPanel } from './PositionsPanel';
import { VersionsPanel } from './VersionsPanel';

const TABS = ['amendments', 'comments', 'positions', 'versions'] as const;
type Tab = (typeof TABS)[number];

/** Deliberation beside the live text (#5 part 8): amendments, comments, positions and silence, versions. */
export function DeliberationPanel(props: DeliberationProps) {
  const { t } = useTranslation();
  // A link can open a tab (?tab=positions: the mail telling a head their positions need a look).
  const [params] = useSearchParams();
  const asked = params.get('tab');
  const [tab, setTab] = useState<Tab>((TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'amendments');
  const amendments = useAmendments(props.slug, props.draft.id);
  const threads = useCommentThreads(props.slug, props.draft.id);
  const openAmendments = amendments.data?.amendments.filter((a) => a.status === 'open').length ?? 0;
  const openThreads = threads.data?.threads.filter((th) => !th.resolved).length ?? 0;
  const count = (n: number) =>
    n > 0 ? (
      <Badge tt="none" size="xs" variant="filled" color="navy" radius="xl">
        {n}
      </Badge>
    ) : null;
  return (
    <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'amendments')} keepMounted={false} data-testid="deliberation">
      <Tabs.List style={{ flexWrap: 'wrap' }}>
        <Tabs.Tab value="amendments" rightSection={count(openAmendments)} data-testid="tab-amendments">
          {t('deliberation.tabs.amendments')}
        </Tabs.Tab>
        <Tabs.Tab value="comments" rightSection={count(openThreads)} data-testid="tab-comments">
          {t('deliberation.tabs.comments')}
        </Tabs.Tab>
        <Tabs.Tab value="positions" data-testid="tab-positions">
          {t('deliberation.tabs.positions')}
        </Tabs.Tab>
        <Tabs.Tab value="versions" data-testid="tab-versions">
          {t('deliberation.tabs.versions')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="amendments" pt="md">
        <AmendmentsPanel {...props} />
      </Tabs.Panel>
      <Tabs.Panel value="comments" pt="md">
        <CommentsPanel {...props} />
      </Tabs.Panel>
      <Tabs.Panel value="positions" pt="md">
        <PositionsPanel {...props} />
      </Tabs.Panel>
      <Tabs.Panel value="versions" pt="md">
        <VersionsPanel {...props} />
      </Tabs.Panel>
    </Tabs>
  );
}
