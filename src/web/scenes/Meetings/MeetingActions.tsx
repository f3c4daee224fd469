import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../core/meetings';
import type { GroupOverview } from '../../../core/study-groups';
import { isApiError } from '../../api/client';
import { meetingMutations, refreshMeeting, type MeetingTransitionName } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { intlLocale, currentLocale } from '../../i18n';
import { MeetingFormModal } from './MeetingForm';

const ORDER: MeetingTransitionName[] = ['convene', 'reschedule', 'postpone', 'cancel'];
const NEEDS_REASON: readonly MeetingTransitionName[] = ['postpone', 'cancel'];
const COLORS: Record<MeetingTransitionName, { color: string; variant: 'filled' | 'light' | 'subtle' }> = {
  convene: { color: 'green', variant: 'filled' },
  reschedule: { color: 'navy', variant: 'light' },
  postpone: { color: 'orange', variant: 'light' },
  cancel: { color: 'red', variant: 'subtle' },
};

const isTransition = (s: string): s is MeetingTransitionName => (ORDER as string[]).includes(s);

/** For those who plan meetings: change the details, and the steps the meeting's status allows now. */
export function MeetingActions({ group, meeting }: { group: GroupOverview; meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [step, setStep] = useState<MeetingTransitionName | null>(null);
  const steps = ORDER.filter((s) => meeting.allowedTransitions.includes(s));
  const editable = meeting.status !== 'cancelled';
  return (
    <>
      <Group gap="sm" wrap="wrap" data-testid="meeting-actions">
        {editable ? (
          <Button variant="default" onClick={() => setEditing(true)} data-testid="edit-meeting">
            {t('meetings.edit')}
          </Button>
        ) : null}
        {steps.map((s) => (
          <Button key={s} color={COLORS[s].color} variant={COLORS[s].variant} onClick={() => setStep(s)} data-testid={`meeting-${s}`}>
            {t(`meetings.transitions.${s}.action`)}
          </Button>
        ))}
      </Group>
      {editing ? <MeetingFormModal group={group} meeting={meeting} onClose={() => setEditing(false)} /> : null}
      {step ? <TransitionModal key={step} slug={group.slug} meeting={meeting} step={step} onClose={() => setStep(null)} /> : null}
    </>
  );
}

function TransitionModal({ slug, meeting, step, onClose }: { slug: string; meeting: MeetingDetail; step: MeetingTransitionName; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const needsReason = NEEDS_REASON.includes(step);
  const run = useMutation({
    mutationFn: () => meetingMutations.transition(slug, meeting.id, step, needsReason ? reason.trim() : undefined),
    onSuccess: async (detail) => {
      await refreshMeeting(queryClient, slug, detail);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (needsReason && !reason.trim()) return;
    run.mutate();
  };
  return (
    <Modal opened onClose={onClose} centered radius="md" title={<Text fw={600}>{t(`meetings.transitions.${step}.title`, { number: meeting.sequence })}</Text>}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t(`meetings.transitions.${step}.body`)}</Text>
          {needsReason ? (
            <Textarea
              label={t('meetings.transitions.reason')}
              description={t('meetings.transitions.reasonHint')}
              required
              autosize
              minRows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={tried && !reason.trim() ? t('meetings.transitions.reasonRequired') : null}
              data-autofocus
              data-testid="transition-reason"
            />
          ) : null}
          {run.isError ? <TransitionError error={run.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={COLORS[step].color} loading={run.isPending} data-testid="confirm-transition">
              {t(`meetings.transitions.${step}.action`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A refused step names the steps that are possible now (the 409 carries `allowed`). */
function TransitionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'lifecycle.transition_not_allowed') {
    const allowed = (Array.isArray(error.problem.allowed) ? (error.problem.allowed as string[]) : []).filter(isTransition).map((s) => t(`meetings.transitions.${s}.action`));
    let list = allowed.join(', ');
    try {
      list = new Intl.ListFormat(intlLocale(currentLocale()), { type: 'disjunction' }).format(allowed);
    } catch {
      // the plain list
    }
    return (
      <Alert color="red" variant="light" role="alert">
        <Text size="sm">{allowed.length ? t('meetings.transitions.notNow', { steps: list }) : t('meetings.transitions.noneNow')}</Text>
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}
