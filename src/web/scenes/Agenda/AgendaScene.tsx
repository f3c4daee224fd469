import { Alert, Button, Group, Pagination, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { AgendaItemView } from '../../../core/agenda';
import { useAgenda } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGroupContext } from '../Group/context';
import classes from './Agenda.module.css';
import { AgendaItemCard } from './AgendaItemCard';
import { AgendaItemFormModal } from './AgendaItemForm';
import { CloseItemModal, ReopenItemModal, WithdrawItemModal } from './AgendaSteps';
import { agendaQuery, anchoredItem, itemAnchor, showAllFor, visibleItems, type AgendaShow } from './agenda';

type Step = { kind: 'edit' | 'close' | 'withdraw' | 'reopen'; item: AgendaItemView } | { kind: 'raise' } | null;

/**
 * The group's open agenda (the proposal's 'Open' principle): every issue raised, numbered for
 * good, who raised it and for which delegation, where it stands and the sessions that take it
 * up. Participants (observers included) raise items; each sees only the steps open to them.
 */
export function AgendaScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const { hash } = useLocation();
  const navigate = useNavigate();
  const anchored = anchoredItem(hash);
  const [show, setShow] = useState<AgendaShow | null>(null);
  // The page chosen; until one is, the page holding the item the address points at (else the first).
  const [page, setPage] = useState<number | null>(null);
  const [step, setStep] = useState<Step>(null);
  const [raised, setRaised] = useState<number | null>(null);
  const shown: AgendaShow = show ?? 'open';
  const agenda = useAgenda(group.slug, agendaQuery(shown, page, anchored));
  const data = agenda.isPlaceholderData ? undefined : agenda.data;
  const items = agenda.data?.items ?? [];
  const list = visibleItems(items, shown);
  const counts = agenda.data?.counts ?? { open: 0, total: 0 };
  const pages = agenda.data ? Math.max(1, Math.ceil(agenda.data.total / agenda.data.pageSize)) : 1;

  // Adjusted while rendering (each once), not in an effect:
  // until the person chooses, the filter follows the address: a link to an item no longer open shows all;
  if (show === null && showAllFor(data?.items, anchored)) setShow('all');
  // a page past the end (the last item of the last page closed meanwhile) gives way to the last one.
  if (data && data.items.length === 0 && data.total > 0 && page !== pages) setPage(pages);

  useAnchoredItem(anchored, Boolean(data) && list.some((i) => i.number === anchored));

  /** Points the address at an item: its page is shown, and it is brought into view and marked. */
  const goTo = (number: number) => {
    setPage(null);
    void navigate({ hash: itemAnchor(number) }, { replace: true });
  };
  /** A closed or withdrawn item would leave the 'open' list: all are shown, so it is seen with its new status. */
  const changed = (item: AgendaItemView) => {
    if (item.status !== 'open') setShow('all');
    else setShow(shown);
    goTo(item.number);
  };

  return (
    <Stack gap="lg" data-testid="agenda">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <div className={classes.heading}>
          <Title order={2} className={classes.title}>
            {t('agenda.title')}
          </Title>
          {/* With nothing raised yet, the empty state says it at more length. */}
          {counts.total ? (
            <Text size="sm" c="dimmed" className={classes.intro}>
              {t('agenda.intro')}
            </Text>
          ) : null}
        </div>
        {agenda.data?.canPropose && counts.total ? (
          <Button onClick={() => setStep({ kind: 'raise' })} data-testid="agenda-raise">
            {t('agenda.raise')}
          </Button>
        ) : null}
      </Group>

      {raised !== null ? (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setRaised(null)} data-testid="agenda-raised">
          {t('agenda.raised', { number: raised })}
        </Alert>
      ) : null}

      {agenda.isError ? <ErrorAlert error={agenda.error} onRetry={() => void agenda.refetch()} /> : null}
      {agenda.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={132} radius="md" />
          <Skeleton height={132} radius="md" />
        </Stack>
      ) : agenda.data && counts.total === 0 ? (
        <EmptyAgenda canPropose={agenda.data.canPropose} onRaise={() => setStep({ kind: 'raise' })} />
      ) : agenda.data ? (
        <>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <SegmentedControl
              size="xs"
              value={shown}
              onChange={(v) => {
                setShow(v as AgendaShow);
                setPage(null);
              }}
              aria-label={t('agenda.showLabel')}
              data={[
                { value: 'open', label: <FilterLabel text={t('agenda.show.open')} count={counts.open} /> },
                { value: 'all', label: <FilterLabel text={t('agenda.show.all')} count={counts.total} /> },
              ]}
              data-testid="agenda-filter"
            />
            {/* The filter shows the counts; this says them when they change (an item closed, one raised). */}
            <Text size="sm" className={classes.visuallyHidden} role="status" data-testid="agenda-counts">
              {t('agenda.counts', { open: counts.open, total: counts.total })}
            </Text>
          </Group>
          {list.length === 0 && agenda.data.total === 0 ? (
            <Paper withBorder radius="md" p="md" data-testid="agenda-none-open">
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm">{t('agenda.noneOpen')}</Text>
                <Button size="xs" variant="default" onClick={() => setShow('all')}>
                  {t('agenda.showAll')}
                </Button>
              </Group>
            </Paper>
          ) : (
            <Stack gap="sm" component="ol" className={classes.list} data-testid="agenda-list">
              {list.map((item) => (
                <li key={item.id}>
                  <AgendaItemCard item={item} highlighted={anchored === item.number} onStep={(kind) => setStep({ kind, item })} />
                </li>
              ))}
            </Stack>
          )}
          {pages > 1 ? (
            <Group justify="space-between" wrap="wrap" data-testid="agenda-pages">
              <Text size="sm" c="dimmed">
                {t('common.page', { page: agenda.data.page, pages })}
              </Text>
              <Pagination
                total={pages}
                value={Math.min(agenda.data.page, pages)}
                onChange={setPage}
                getControlProps={(control) => (control === 'previous' ? { 'aria-label': t('common.previous') } : control === 'next' ? { 'aria-label': t('common.next') } : {})}
                getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p, pages }) })}
              />
            </Group>
          ) : null}
        </>
      ) : null}

      {step?.kind === 'raise' || step?.kind === 'edit' ? (
        <AgendaItemFormModal
          slug={group.slug}
          item={step.kind === 'edit' ? step.item : undefined}
          onClose={() => setStep(null)}
          onSaved={(saved, created) => {
            setStep(null);
            if (created) setRaised(saved.number);
            // The filter stays as it is (an item raised or edited is open, so it is listed either way).
            setShow(shown);
            goTo(saved.number);
          }}
        />
      ) : null}
      {step?.kind === 'close' ? <CloseItemModal slug={group.slug} item={step.item} onClose={() => setStep(null)} onDone={changed} /> : null}
      {step?.kind === 'withdraw' ? <WithdrawItemModal slug={group.slug} item={step.item} onClose={() => setStep(null)} onDone={changed} /> : null}
      {step?.kind === 'reopen' ? <ReopenItemModal slug={group.slug} item={step.item} onClose={() => setStep(null)} onDone={changed} /> : null}
    </Stack>
  );
}

function FilterLabel({ text, count }: { text: string; count: number }) {
  return (
    <span className={classes.filterLabel}>
      {text}
      <span className={classes.count}>{count}</span>
    </span>
  );
}

/** What the open agenda is, for a group that has none yet: the proposal's 'Open' principle in a paragraph. */
function EmptyAgenda({ canPropose, onRaise }: { canPropose: boolean; onRaise: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} className={classes.empty} data-testid="agenda-empty">
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h4" className={classes.title}>
          {t('agenda.empty.title')}
        </Title>
        <Text size="sm" className={classes.emptyBody}>
          {t('agenda.empty.body')}
        </Text>
        {canPropose ? (
          <Button onClick={onRaise} data-testid="agenda-raise-first">
            {t('agenda.raise')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('agenda.empty.readOnly')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Brings the item the address points at (…/agenda#item-3) into view and gives it focus, once it
 * is on the page: a chip on a timetable, or a link in a report, lands on the issue itself.
 */
function useAnchoredItem(number: number | null, present: boolean) {
  useEffect(() => {
    if (number === null || !present) return;
    const frame = requestAnimationFrame(() => {
      const el = document.getElementById(itemAnchor(number));
      if (!el) return;
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [number, present]);
}
