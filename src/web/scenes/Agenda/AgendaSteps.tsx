import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemView, AgendaTransition } from '../../../core/agenda';
import { isApiError } from '../../api/client';
import { agendaMutations, refreshAgenda } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';

interface StepProps {
  slug: string;
  /** The item the step is for (the dialog is shown while it is mounted). */
  item: AgendaItemView;
  onClose: () => void;
  onDone: (item: AgendaItemView) => void;
}

/**
 * Takes a step with the version the person read. Refused because the item changed meanwhile
 * (or its state no longer allows the step), the list is read again so the person sees why.
 */
async function takeStep(queryClient: QueryClient, slug: string, item: AgendaItemView, transition: AgendaTransition, reason?: string) {
  try {
    const saved = await agendaMutations.transition(slug, item.id, transition, item.version, reason);
    await refreshAgenda(queryClient, slug, saved);
    return saved;
  } catch (err) {
    if (isApiError(err) && (err.status === 409 || err.status === 403)) void refreshAgenda(queryClient, slug);
    throw err;
  }
}

/** Closing an item takes a reason, kept on the record with it ("dealt with at the second meeting"). */
export function CloseItemModal({ slug, item, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);

  const missing = !reason.trim();
  const serverReason = isApiError(failed) ? failed.fieldErrors.find((f) => f.path === 'body.reason') : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    setPending(true);
    setFailed(null);
    try {
      const saved = await takeStep(queryClient, slug, item, 'close', reason.trim());
      onClose();
      onDone(saved);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened onClose={onClose} radius="md" size="lg" centered title={<Text fw={600}>{t('agenda.close.title', { number: item.number })}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="agenda-close-form">
          <Stack gap="md">
            <Text size="sm" fw={600} lang={item.lang}>
              {item.title}
            </Text>
            <Text size="sm">{t('agenda.close.body')}</Text>
            <Textarea
              label={t('agenda.close.reason')}
              description={t('agenda.close.reasonHint')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={2000}
              error={(tried && missing && t('agenda.close.reasonRequired')) || (serverReason ? t('agenda.close.reasonRequired') : null)}
              data-autofocus
              data-testid="agenda-close-reason"
            />
            {failed && !serverReason ? <ErrorAlert error={failed} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={pending} data-testid="agenda-close-confirm">
                {t('agenda.close.confirm')}
              </Button>
            </Group>
          </Stack>
      </form>
    </Modal>
  );
}

/** The proposer takes their item back; it stays on the record as withdrawn. */
export function WithdrawItemModal({ slug, item, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('agenda.withdraw.title', { number: item.number })}
      message={t('agenda.withdraw.body', { title: item.title })}
      confirmLabel={t('agenda.withdraw.confirm')}
      onConfirm={async () => onDone(await takeStep(queryClient, slug, item, 'withdraw'))}
    />
  );
}

/** The co-chairs bring a closed or withdrawn item back to the open agenda. */
export function ReopenItemModal({ slug, item, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const reopen = async () => {
    setPending(true);
    setFailed(null);
    try {
      const saved = await takeStep(queryClient, slug, item, 'reopen');
      onClose();
      onDone(saved);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={onClose} radius="md" centered title={<Text fw={600}>{t('agenda.reopen.title', { number: item.number })}</Text>}>
      <Stack gap="md" data-testid="agenda-reopen-dialog">
          <Text size="sm">{t('agenda.reopen.body', { title: item.title })}</Text>
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void reopen()} loading={pending} data-testid="agenda-reopen-confirm">
              {t('agenda.reopen.confirm')}
            </Button>
          </Group>
      </Stack>
    </Modal>
  );
}
