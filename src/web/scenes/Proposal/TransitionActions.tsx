import { Alert, Anchor, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LIMITS } from '../../../core/limits';
import { SC_DECISIONS, type Transition } from '../../../core/lifecycle';
import type { ProposalView } from '../../../core/proposals';
import { api, isApiError } from '../../api/client';
import { proposalKeys, refreshProposal, useGroup, useScMeetings } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPlainDate } from '../../components/format';
import { AlertIcon } from '../../components/icons';
import { currentLocale, intlLocale } from '../../i18n';
import { isTransition } from './ProposalRecord';

/** The order buttons appear in: the proposers' steps, then the Steering Committee's, then the term's. */
const ORDER: Transition[] = ['submit', 'approve', 'return', 'reject', 'activate', 'extend', 'begin_conclusion', 'conclude', 'withdraw'];
const COLORS: Partial<Record<Transition, string>> = { withdraw: 'red', reject: 'red', return: 'orange' };
const NEEDS_REASONS: readonly Transition[] = ['return', 'reject'];
const MAY_GIVE_REASONS: readonly Transition[] = ['approve', 'return', 'reject', 'withdraw', 'extend'];

/** 'Submit to the Steering Committee, Withdraw' in the UI language's list style. */
function stepList(t: TFunction, steps: readonly string[]): string {
  const names = steps.map((s) => (isTransition(s) ? t(`proposal.actions.${s}`) : s));
  try {
    return new Intl.ListFormat(intlLocale(currentLocale()), { type: 'disjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** A refused step names the ones that are possible (the 409 body carries `allowed`). */
export function TransitionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'lifecycle.transition_not_allowed') {
    const allowed = Array.isArray(error.problem.allowed) ? (error.problem.allowed as string[]) : [];
    return (
      <Alert color="red" variant="light" role="alert" icon={<AlertIcon />}>
        <Text size="sm">
          {t('errors.lifecycle.transition_not_allowed')} {allowed.length ? t('proposal.transition.allowedNow', { steps: stepList(t, allowed) }) : t('proposal.transition.noneNow')}
        </Text>
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

interface Props {
  slug: string;
  view: ProposalView;
  councilSlug: string;
  /** Where the council's SC meetings are recorded, for those who may record one. */
  canRecordScMeeting: boolean;
  termEnd: string;
}

/** The steps the viewer may take now (allowedTransitions), editing, and a follow-on. */
export function TransitionActions({ slug, view, councilSlug, canRecordScMeeting, termEnd }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Transition | 'followOn' | null>(null);
  const transitions = ORDER.filter((s) => view.allowedTransitions.includes(s));
  const canEdit = view.allowedActions.includes('proposal.edit');
  const canFollowOn = view.allowedActions.includes('followon.create');

  const followOn = useMutation({
    mutationFn: () => api<ProposalView>('POST', `/api/study-groups/${encodeURIComponent(slug)}/follow-on`),
    onSuccess: (created) => {
      queryClient.setQueryData(proposalKeys.proposal(created.slug), created);
      void refreshProposal(queryClient, slug);
      void navigate(`/groups/${created.slug}/proposal/edit`);
    },
  });

  // The dialog outlives its button: when the group moved on meanwhile, the refusal stays readable.
  const hasActions = transitions.length > 0 || canEdit || canFollowOn;
  return (
    <>
      {hasActions ? (
        <Group gap="sm" wrap="wrap" data-testid="proposal-actions">
          {canEdit ? (
            <Button component={Link} to={`/groups/${slug}/proposal/edit`} variant={transitions.includes('submit') ? 'default' : 'filled'}>
              {view.status === 'returned' ? t('proposal.actions.revise') : t('proposal.actions.edit')}
            </Button>
          ) : null}
          {transitions.map((s) => (
            <Button key={s} variant={s === 'withdraw' ? 'subtle' : COLORS[s] ? 'light' : 'filled'} color={COLORS[s] ?? 'navy'} onClick={() => setOpen(s)} data-testid={`transition-${s}`}>
              {t(`proposal.actions.${s}`)}
            </Button>
          ))}
          {canFollowOn ? (
            <Button variant="light" onClick={() => setOpen('followOn')} data-testid="follow-on">
              {t('proposal.actions.followOn')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {open && open !== 'followOn' ? (
        <TransitionModal
          key={open}
          transition={open}
          slug={slug}
          view={view}
          councilSlug={councilSlug}
          canRecordScMeeting={canRecordScMeeting}
          termEnd={termEnd}
          onClose={() => setOpen(null)}
        />
      ) : null}
      <Modal opened={open === 'followOn'} onClose={() => setOpen(null)} title={<Text fw={600}>{t('proposal.actions.followOn')}</Text>} centered radius="md">
        <Stack gap="md">
          <Text size="sm">{t('proposal.transition.followOnBody')}</Text>
          {followOn.isError ? <ErrorAlert error={followOn.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpen(null)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => followOn.mutate()} loading={followOn.isPending} data-testid="confirm-follow-on">
              {t('proposal.transition.followOnConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

interface ModalProps {
  transition: Transition;
  slug: string;
  view: ProposalView;
  councilSlug: string;
  canRecordScMeeting: boolean;
  termEnd: string;
  onClose: () => void;
}

/** One step: what it means, and what it needs (the SC meeting that decided, reasons, a new end date). */
function TransitionModal({ transition, slug, view, councilSlug, canRecordScMeeting, termEnd, onClose }: ModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const bySc = (SC_DECISIONS as readonly Transition[]).includes(transition);
  const meetings = useScMeetings(bySc ? councilSlug : undefined, 1, LIMITS.pageSizeMax);
  const [scMeeting, setScMeeting] = useState<string | null>(null);
  const [reasons, setReasons] = useState('');
  const [newEnd, setNewEnd] = useState('');
  const [tried, setTried] = useState(false);
  // Concluding: the meetings still planned would stay in everyone's calendar as confirmed.
  const group = useGroup(slug);
  const pending = transition === 'conclude' ? (group.data?.meetings ?? []).filter((m) => m.status === 'planned' || m.status === 'postponed') : [];
  const [cancelMeetings, setCancelMeetings] = useState(true);

  const step = useMutation({
    mutationFn: () =>
      api<ProposalView>('POST', `/api/study-groups/${encodeURIComponent(slug)}/transitions`, {
        transition,
        ...(bySc && scMeeting ? { scMeetingNumber: Number(scMeeting) } : {}),
        ...(reasons.trim() ? { reasons: reasons.trim() } : {}),
        ...(transition === 'extend' && newEnd ? { termEnd: newEnd } : {}),
        ...(pending.length ? { cancelMeetings } : {}),
      }),
    onSuccess: async (next) => {
      await refreshProposal(queryClient, slug, next);
      onClose();
    },
    onError: (err) => {
      // The group moved on meanwhile: show the steps that are possible now.
      if (isApiError(err) && err.code === 'lifecycle.transition_not_allowed') void refreshProposal(queryClient, slug);
    },
  });

  const fieldError = (field: string) => (isApiError(step.error) ? step.error.fieldErrors.some((f) => f.path === `body.${field}`) : false);
  const missing = {
    scMeeting: bySc && !scMeeting,
    reasons: NEEDS_REASONS.includes(transition) && !reasons.trim(),
    termEnd: transition === 'extend' && (!newEnd || newEnd <= termEnd),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing.scMeeting || missing.reasons || missing.termEnd) return;
    step.mutate();
  };
  const scUnknown = isApiError(step.error) && step.error.code === 'sc_meeting.unknown';
  const options = (meetings.data?.items ?? []).map((m) => ({ value: String(m.number), label: t('proposal.scMeeting', { number: m.number, place: m.place, date: formatPlainDate(m.heldOn) }) }));

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t(`proposal.actions.${transition}`)}</Text>} centered radius="md" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t(`proposal.transition.body.${transition}`, { number: view.current.number })}</Text>
          {bySc ? (
            <Stack gap={4}>
              <Select
                label={t('proposal.transition.scMeeting')}
                description={t('proposal.transition.scMeetingHint')}
                required
                data={options}
                value={scMeeting}
                onChange={setScMeeting}
                placeholder={meetings.isPending ? t('app.loading') : undefined}
                nothingFoundMessage={t('proposal.transition.noScMeetings')}
                error={(tried && missing.scMeeting) || fieldError('scMeetingNumber') ? t('proposal.transition.scMeetingRequired') : scUnknown ? t('errors.sc_meeting.unknown') : undefined}
                comboboxProps={{ shadow: 'md', withinPortal: true }}
                data-testid="sc-meeting-select"
              />
              {meetings.data && meetings.data.items.length === 0 ? (
                <Text size="xs" c="dimmed">
                  {t('proposal.transition.noScMeetings')}{' '}
                  {canRecordScMeeting ? (
                    <Anchor component={Link} to={`/councils/${councilSlug}?tab=sc-meetings`} size="xs">
                      {t('proposal.transition.recordScMeeting')}
                    </Anchor>
                  ) : null}
                </Text>
              ) : null}
            </Stack>
          ) : null}
          {transition === 'extend' ? (
            <TextInput
              type="date"
              label={t('proposal.transition.newEnd')}
              description={t('proposal.transition.currentEnd', { date: formatPlainDate(termEnd) })}
              required
              min={termEnd}
              value={newEnd}
              onChange={(e) => setNewEnd(e.currentTarget.value)}
              error={(tried && missing.termEnd) || fieldError('termEnd') ? t('proposal.transition.newEndInvalid', { date: formatPlainDate(termEnd) }) : undefined}
            />
          ) : null}
          {pending.length ? (
            <Alert color="orange" variant="light" data-testid="conclude-meetings">
              <Stack gap="xs">
                <Text size="sm">{t('proposal.transition.pendingMeetings', { count: pending.length })}</Text>
                <Checkbox
                  checked={cancelMeetings}
                  onChange={(e) => setCancelMeetings(e.currentTarget.checked)}
                  label={t('proposal.transition.cancelMeetings', { count: pending.length })}
                  description={t('proposal.transition.cancelMeetingsHint')}
                  data-testid="conclude-cancel-meetings"
                />
              </Stack>
            </Alert>
          ) : null}
          {MAY_GIVE_REASONS.includes(transition) ? (
            <Textarea
              label={NEEDS_REASONS.includes(transition) ? t('proposal.transition.reasons') : t('proposal.transition.reasonsOptional')}
              description={NEEDS_REASONS.includes(transition) ? t('proposal.transition.reasonsHint') : undefined}
              required={NEEDS_REASONS.includes(transition)}
              autosize
              minRows={3}
              maxRows={10}
              maxLength={LIMITS.reasonsMax}
              value={reasons}
              onChange={(e) => setReasons(e.currentTarget.value)}
              error={(tried && missing.reasons) || fieldError('reasons') ? t('proposal.transition.reasonsRequired') : undefined}
              data-testid="transition-reasons"
            />
          ) : null}
          {step.isError && !scUnknown ? <TransitionError error={step.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={COLORS[transition] ?? 'navy'} loading={step.isPending} data-testid="confirm-transition">
              {t(`proposal.actions.${transition}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
