import { Alert, Button, Group, Modal, Radio, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, POSITIONS, type Outcome, type Position } from '../../../core/consensus';
import { apiGet, isApiError } from '../../api/client';
import { deliberationMutations, refreshDeliberation, useConsensusMatrix, useMe, type MatrixRow, type PositionCell, type PositionMatrix } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { currentLocale } from '../../i18n';
import { PositionBadge, type DeliberationProps } from './deliberation-shared';
import classes from './Deliberation.module.css';
import { ConsensusBadge, PositionsMatrix, type Committee } from './PositionsMatrix';
import { SilenceSection } from './SilenceSection';



/**
 * The positions matrix (#5 part 6): recommendations of the latest named version (rows) ×
 * delegations (columns), each position in force as colour, icon and words, superseded ones
 * shown as such; per row the consensus grade with its counts and the declared outcome. A
 * delegation head records their committee's position in their own column; the co-chairs
 * declare outcomes. The silence procedure follows below.
 */
export function PositionsPanel(props: DeliberationProps) {
  const { t } = useTranslation();
  const { slug, draft, group } = props;
  const me = useMe();
  const matrix = useConsensusMatrix(slug, draft.id);
  const [editing, setEditing] = useState<{ row: MatrixRow; cell: PositionCell; committee: Committee } | null>(null);
  const [declaring, setDeclaring] = useState<MatrixRow | null>(null);
  const canPosition = group.allowedActions.includes('drafts.position');
  const canDecide = group.allowedActions.includes('drafts.decide');
  const myCommittee = group.delegations.find((d) => d.head?.id === me.id)?.committee.id ?? null;

  if (matrix.isPending) return <Skeleton height={200} radius="md" />;
  if (matrix.isError) {
    if (isApiError(matrix.error) && matrix.error.status === 404)
      return (
        <Alert color="blue" variant="light" data-testid="positions-no-version">
          {t('deliberation.positions.noVersion')}
        </Alert>
      );
    return <ErrorAlert error={matrix.error} onRetry={() => void matrix.refetch()} />;
  }
  const m = matrix.data;
  const toReview = myCommittee && canPosition && !m.superseded ? m.recommendations.filter((r) => r.consensus.stale.some((s) => s.committeeId === myCommittee)) : [];
  return (
    <Stack gap="md" className={classes.panel} data-testid="positions-panel">
      {toReview.length > 0 ? (
        <Alert color="orange" variant="light" title={t('deliberation.positions.reviewTitle')} data-testid="positions-review">
          {t('deliberation.positions.reviewBody', { list: toReview.map((r) => `R${r.number}`).join(', ') })}
        </Alert>
      ) : null}
      <div>
        <Text size="sm" fw={600} data-testid="positions-version">
          {t('deliberation.positions.onVersion', { number: m.version.number, name: m.version.name })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('deliberation.positions.explain')}
        </Text>
      </div>
      {m.recommendations.length === 0 ? (
        <Alert color="gray" variant="light" data-testid="positions-empty">
          {t('deliberation.positions.noRecommendations')}
        </Alert>
      ) : (
        <PositionsMatrix
          matrix={m}
          lang={draft.lang}
          myCommittee={myCommittee}
          canPosition={canPosition}
          canDecide={canDecide}
          onRecord={(row, cell, committee) => setEditing({ row, cell, committee })}
          onDeclare={setDeclaring}
        />
      )}
      <SilenceSection {...props} versionNumber={m.version.number} />
      {editing ? <PositionModal {...props} versionNumber={m.version.number} target={editing} onClose={() => setEditing(null)} /> : null}
      {declaring ? <OutcomeModal {...props} row={declaring} onClose={() => setDeclaring(null)} /> : null}
    </Stack>
  );
}




/** The head records the committee's position, sending the version of the position read; a stale one is shown with theirs. */
function PositionModal({ slug, draft, versionNumber, target, onClose }: DeliberationProps & { versionNumber: number; target: { row: MatrixRow; cell: PositionCell; committee: Committee }; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const current = target.cell.position && !target.cell.position.superseded ? target.cell.position : null;
  // The choice starts from the position in force, carried over or on a changed text too; the row sent is this version's only.
  const held = target.cell.position;
  const [base, setBase] = useState(current);
  const [position, setPosition] = useState<Position>(held?.position ?? 'support');
  const [text, setText] = useState(held?.text ?? '');
  const [change, setChange] = useState(held?.change ?? '');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const textProblem = position === 'reservation' && !text.trim() ? t('deliberation.positions.textRequired') : null;
  const changeProblem = position === 'objection' && !change.trim() ? t('deliberation.positions.changeRequired') : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (textProblem || changeProblem) return;
    setPending(true);
    setFailed(null);
    try {
      await deliberationMutations.recordPosition(slug, draft.id, versionNumber, target.row.uid, {
        position,
        ...(position === 'reservation' ? { text: text.trim() } : {}),
        ...(position === 'objection' ? { change: change.trim() } : {}),
        version: base?.version ?? 0,
      });
      await refreshDeliberation(queryClient, slug, draft.id);
      onClose();
    } catch (err) {
      if (isApiError(err) && err.code === 'resource.version_conflict') {
        // Someone else in the delegation changed it meanwhile: theirs is shown, the head's own choice kept to send again.
        void refreshDeliberation(queryClient, slug, draft.id);
        try {
          const m = await fetchMatrix(slug, draft.id);
          const row = m.recommendations.find((r) => r.uid === target.row.uid);
          const cell = row?.cells.find((c) => c.committeeId === target.committee.id);
          setBase(cell?.position && !cell.position.superseded ? cell.position : null);
          setConflict(true);
        } catch (reloadErr) {
          setFailed(reloadErr);
        }
      } else setFailed(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" radius="md" title={<Text fw={600}>{t('deliberation.positions.modalTitle', { committee: target.committee.name, number: target.row.number })}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="position-form">
        <Stack gap="md">
          <Text size="sm" c="dimmed" lang={draft.lang}>
            {target.row.text}
          </Text>
          {conflict ? (
            <Alert color="orange" variant="light" role="alert" data-testid="position-conflict">
              <Stack gap={6}>
                <Text size="sm">{t('deliberation.positions.conflict')}</Text>
                {base ? (
                  <Group gap="xs" data-testid="position-conflict-theirs">
                    <PositionBadge position={base.position} />
                    <Text size="xs">
                      {t('deliberation.positions.recordedBy', { name: base.recordedBy?.displayName ?? '—', when: formatDateTime(base.recordedAt, locale) })}
                    </Text>
                    {base.text ? <Text size="xs">{base.text}</Text> : null}
                    {base.change ? <Text size="xs">{base.change}</Text> : null}
                  </Group>
                ) : null}
                <Text size="xs" c="dimmed">
                  {t('deliberation.positions.conflictKeep')}
                </Text>
              </Stack>
            </Alert>
          ) : null}
          <Radio.Group value={position} onChange={(v) => setPosition(v as Position)} label={t('deliberation.positions.choose')} data-testid="position-choice">
            <Stack gap={8} mt={6}>
              {POSITIONS.map((p) => (
                <Radio key={p} value={p} label={t(`deliberation.position.${p}`)} description={t(`deliberation.positionHint.${p}`)} data-testid={`position-option-${p}`} />
              ))}
            </Stack>
          </Radio.Group>
          {position === 'reservation' ? (
            <Textarea label={t('deliberation.positions.textLabel')} description={t('deliberation.positions.textHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} maxLength={4000} lang={draft.lang} error={tried && textProblem} data-testid="position-text-input" />
          ) : null}
          {position === 'objection' ? (
            <Textarea label={t('deliberation.positions.changeInput')} description={t('deliberation.positions.changeHint')} value={change} onChange={(e) => setChange(e.currentTarget.value)} autosize minRows={3} maxLength={4000} lang={draft.lang} error={tried && changeProblem} data-testid="position-change-input" />
          ) : null}
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="position-save">
              {conflict ? t('deliberation.positions.sendAgain') : t('deliberation.positions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function fetchMatrix(slug: string, draftId: string): Promise<PositionMatrix> {
  return apiGet<PositionMatrix>(`/api/study-groups/${encodeURIComponent(slug)}/drafts/${encodeURIComponent(draftId)}/consensus`);
}

/** The co-chairs declare an outcome: adopted only when no objection stands; a chair's summary needs its text. */
function OutcomeModal({ slug, draft, row, onClose }: DeliberationProps & { row: MatrixRow; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(row.outcome?.outcome ?? (row.consensus.adoptable ? 'adopted' : 'chair_summary'));
  const [summary, setSummary] = useState(row.outcome?.summary ?? '');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const problem = outcome === 'chair_summary' && !summary.trim() ? t('deliberation.outcome.summaryRequired') : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    setPending(true);
    setFailed(null);
    try {
      await deliberationMutations.declareOutcome(slug, draft.id, row.uid, { outcome, ...(outcome === 'chair_summary' ? { summary: summary.trim() } : {}), version: row.outcome?.version ?? 0 });
      await refreshDeliberation(queryClient, slug, draft.id);
      onClose();
    } catch (err) {
      setFailed(err);
      if (isApiError(err) && err.code === 'resource.version_conflict') void refreshDeliberation(queryClient, slug, draft.id);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={onClose} size="lg" radius="md" title={<Text fw={600}>{t('deliberation.outcome.title', { number: row.number })}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="outcome-form">
        <Stack gap="md">
          <ConsensusBadge row={row} />
          <Radio.Group value={outcome} onChange={(v) => setOutcome(v as Outcome)} label={t('deliberation.outcome.choose')}>
            <Stack gap={8} mt={6}>
              {OUTCOMES.map((o) => (
                <Radio
                  key={o}
                  value={o}
                  disabled={o === 'adopted' && !row.consensus.adoptable}
                  label={o === 'adopted' && row.consensus.grade ? `${t('deliberation.outcome.adopted')} (${t(`deliberation.grade.${row.consensus.grade}`)})` : t(`deliberation.outcome.${o}`)}
                  description={o === 'adopted' && !row.consensus.adoptable ? t('deliberation.outcome.notAdoptable') : t(`deliberation.outcomeHint.${o}`)}
                  data-testid={`outcome-option-${o}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          {outcome === 'chair_summary' ? (
            <Textarea label={t('deliberation.outcome.summaryLabel')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} maxLength={4000} error={tried && problem} data-testid="outcome-summary" />
          ) : null}
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="outcome-save">
              {t('deliberation.outcome.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
