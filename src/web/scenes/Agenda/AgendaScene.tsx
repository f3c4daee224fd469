import { Alert, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
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
import { agendaCounts, anchoredItem, initialShow, itemAnchor, visibleItems, type AgendaShow } from './agenda';

type Step = { kind: 'edit' | 'close' | 'withdraw' | 'reopen'; item: AgendaItemView } | { kind: 'raise' } | null;

/**
 * The group's open agenda (the proposal's 'Open' principle): every issue raised, numbered for
 * good, who raised it and for which delegation, where it stands and the sessions that take it
 * up. Participants (observers included) raise items; each sees only the steps open to them.
 */
export function AgendaScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const agenda = useAgenda(group.slug);
  const { hash } = useLocation();
  const navigate = useNavigate();
  const anchored = anchoredItem(hash);
  const [show, setShow] = useState<AgendaShow | null>(null);
  const [step, setStep] = useState<Step>(null);
  const [raised, setRaised] = useState<number | null>(null);
  const items = agenda.data?.items ?? [];
  // Until the person chooses, the filter follows the address (a link to a closed item shows all).
  const shown: AgendaShow = show ?? initialShow(items, anchored);
  const list = visibleItems(items, shown);
  const counts = agendaCounts(items);

  useAnchoredItem(anchored, Boolean(agenda.data) && list.some((i) => i.number === anchored));

  /** Points the address at an item: it is brought into view and marked. */
  const goTo = (number: number) => void navigate({ hash: itemAnchor(number) }, { replace: true });
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
          {items.length ? (
            <Text size="sm" c="dimmed" className={classes.intro}>
              {t('agenda.intro')}
            </Text>
          ) : null}
        </div>
        {agenda.data?.canPropose && items.length ? (
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
      ) : agenda.data && items.length === 0 ? (
        <EmptyAgenda canPropose={agenda.data.canPropose} onRaise={() => setStep({ kind: 'raise' })} />
      ) : agenda.data ? (
        <>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <SegmentedControl
              size="xs"
              value={shown}
              onChange={(v) => setShow(v as AgendaShow)}
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
          {list.length === 0 ? (
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
