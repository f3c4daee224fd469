import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type AmendmentView } from '../../../core/deliberation';
import { deliberationMutations, refreshDeliberation, useAmendments, useDraftVersions } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DiffText, type DeliberationProps } from './deliberation-shared';


/** The amendment forms: propose (change a paragraph or add one after it), reject with a reason, merge. */

export function ProposeModal({ slug, draft, uid, liveText, where, onClose }: DeliberationProps & { uid: string; liveText: string; where: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useAmendments(slug, draft.id);
  const versions = useDraftVersions(slug, draft.id);
  // Change the paragraph, or add a new one after it (its text written from scratch).
  const [kind, setKind] = useState<'change' | 'add'>('change');
  const [changed, setChanged] = useState(liveText);
  const [added, setAdded] = useState('');
  const text = kind === 'change' ? changed : added;
  const setText = kind === 'change' ? setChanged : setAdded;
  const [rationale, setRationale] = useState('');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const problem = !rationale.trim() ? t('deliberation.amendments.rationaleRequired') : null;
  const same = kind === 'change' ? text === liveText : !text.trim();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem || same) return;
    setPending(true);
    setFailed(null);
    try {
      const latest = versions.data?.find((v) => v.number === list.data?.latestVersion) ?? versions.data?.[versions.data.length - 1];
      if (!latest) throw new Error('no version');
      const target = kind === 'change' ? { blockUid: uid } : { afterUid: uid };
      await deliberationMutations.propose(slug, draft.id, { versionId: latest.id, ...target, proposedText: kind === 'change' ? text : text.trim(), rationale: rationale.trim() });
      await refreshDeliberation(queryClient, slug, draft.id);
      onClose();
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={onClose} size="lg" radius="md" title={<Text fw={600}>{t('deliberation.amendments.proposeTitle', { where })}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="amendment-form">
        <Stack gap="md">
          <Text size="xs" c="dimmed">
            {t('deliberation.amendments.proposeHint', { number: list.data?.latestVersion ?? '—' })}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'change' | 'add')}
            data={[
              { value: 'change', label: t('deliberation.amendments.kindChange') },
              { value: 'add', label: t('deliberation.amendments.kindAdd') },
            ]}
            data-testid="amendment-kind"
          />
          <Textarea
            label={kind === 'change' ? t('deliberation.amendments.proposedText') : t('deliberation.amendments.newParagraph', { where })}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={4}
            lang={draft.lang}
            error={tried && same ? t(kind === 'change' ? 'deliberation.amendments.unchanged' : 'deliberation.amendments.newParagraphRequired') : null}
            data-testid="amendment-text"
          />
          <Textarea label={t('deliberation.amendments.rationale')} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} autosize minRows={2} maxLength={5000} error={tried && problem} data-testid="amendment-rationale" />
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="amendment-submit">
              {t('deliberation.amendments.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RejectModal({ slug, draftId, a, onClose }: { slug: string; draftId: string; a: AmendmentView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const problem = !reason.trim() ? t('deliberation.amendments.reasonRequired') : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    setPending(true);
    try {
      await deliberationMutations.reject(slug, draftId, a, reason.trim());
      await refreshDeliberation(queryClient, slug, draftId);
      onClose();
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={onClose} radius="md" title={<Text fw={600}>{t('deliberation.amendments.rejectTitle', { label: a.label })}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="amendment-reject-form">
        <Stack gap="md">
          <Textarea label={t('deliberation.amendments.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} maxLength={2000} error={tried && problem} data-autofocus data-testid="amendment-reason" />
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={pending} data-testid="amendment-reject-send">
              {t('deliberation.amendments.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function MergeModal({ slug, draftId, lang, list, onClose }: { slug: string; draftId: string; lang: string; list: AmendmentView[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(list[0]?.proposedText ?? '');
  const [rationale, setRationale] = useState(list.map((a) => `${a.label}: ${a.rationale}`).join('\n'));
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rationale.trim()) return;
    setPending(true);
    try {
      await deliberationMutations.merge(slug, draftId, { amendments: list.map((a) => ({ id: a.id, version: a.version })), proposedText: text, rationale: rationale.trim() });
      await refreshDeliberation(queryClient, slug, draftId);
      onClose(true);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={() => onClose(false)} size="lg" radius="md" title={<Text fw={600}>{t('deliberation.amendments.mergeTitle', { labels: list.map((a) => a.label).join(', ') })}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="amendment-merge-form">
        <Stack gap="md">
          {list.map((a) => (
            <div key={a.id}>
              <Text size="xs" fw={600}>
                {a.label} · {a.committee?.name ?? '—'}
              </Text>
              <DiffText ops={a.diff} lang={lang} />
            </div>
          ))}
          <Textarea label={t('deliberation.amendments.mergedText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} lang={lang} data-testid="amendment-merge-text" />
          <Textarea label={t('deliberation.amendments.rationale')} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} autosize minRows={2} maxLength={5000} data-testid="amendment-merge-rationale" />
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="amendment-merge-send">
              {t('deliberation.amendments.mergeSend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
