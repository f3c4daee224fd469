import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributionRule, ReportStatus } from '../../../../core/meetings';
import type { AttributionFinding, AttributionWarning, WarningAnswer } from '../../../../core/attribution';
import { REPORT_FLOW, REPORT_MEETING_STATUSES, type ReportTransition, type ReportView } from '../../../../core/reports';
import type { MeetingDetail } from '../../../../core/meetings';
import { isApiError } from '../../../api/client';
import { meetingKeys, recordKeys, recordMutations, refreshMeeting, useReport } from '../../../api/queries';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime, personNameParts } from '../../../components/format';
import { InfoIcon } from '../../../components/icons';
import { RichTextView } from '../../../components/RichTextView';
import { useViewerZone } from '../../../components/time/useViewerZone';
import { currentLocale } from '../../../i18n';
import { useMeetingContext } from '../context';
import { CheckSummary, FindingsList } from './Findings';
import classes from './Report.module.css';
import { useHighlights } from './useHighlights';
import { answersFor, WarningsList, type WarningAnswers } from './Warnings';

// The editor (Tiptap) loads only for those who write the report.
const ReportEditor = lazy(() => import('./ReportEditor'));

const STEPS: ReportStatus[] = ['drafting', 'circulated', 'final'];

/**
 * The meeting's Co-Chairs' Report: for everyone allowed, the text once circulated (and final);
 * for those who write it, the editor with the live attribution check; for the co-chairs, its
 * steps. The rule it is written under is said in one sentence; a closed meeting keeps none.
 */
export function ReportScene() {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const closed = meeting.attribution === 'closed';
  return (
    <Stack gap="lg" data-testid="report">
      <div>
        <Title order={3} className={classes.title}>
          {t('report.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('report.whoDoesWhat')}
        </Text>
      </div>
      <RuleNote rule={meeting.attribution} />
      {closed ? null : <ReportBody />}
    </Stack>
  );
}

function RuleNote({ rule }: { rule: AttributionRule }) {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color={rule === 'chatham_house' ? 'grape' : rule === 'on_record' ? 'blue' : 'gray'} icon={<InfoIcon />} title={t(`report.rule.${rule}.title`)} data-testid="report-rule" data-rule={rule}>
      <Text size="sm">{t(`report.rule.${rule}.body`)}</Text>
    </Alert>
  );
}

function ReportBody() {
  const { t } = useTranslation();
  const { group, meeting } = useMeetingContext();
  const queryClient = useQueryClient();
  const report = useReport(group.slug, meeting.id);
  const [editorKey, setEditorKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [answers, setAnswers] = useState<WarningAnswers>({});
  const answer = useCallback((key: string, a: WarningAnswer['answer'] | null) => {
    setAnswers((prev) => {
      const next = { ...prev };
      if (a) next[key] = a;
      else delete next[key];
      return next;
    });
  }, []);

  /** A saved report or a step moves the meeting's status with it: the page's badge follows at once. */
  const adopt = useCallback(
    (view: ReportView) => {
      queryClient.setQueryData(recordKeys.report(group.slug, meeting.id), view);
      queryClient.setQueryData<MeetingDetail>(meetingKeys.detail(group.slug, meeting.id), (old) => (old ? { ...old, status: view.meetingStatus } : old));
      void refreshMeeting(queryClient, group.slug);
    },
    [queryClient, group.slug, meeting.id],
  );
  const reload = useCallback(async () => {
    await report.refetch();
    setDirty(false);
    setEditorKey((k) => k + 1);
  }, [report]);

  if (report.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={40} />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (report.isError) {
    const code = isApiError(report.error) ? report.error.code : null;
    if (code === 'report.not_circulated' || code === 'report.closed_meeting') {
      return (
        <Paper withBorder radius="md" p="lg" data-testid="report-not-yet">
          <Text size="sm">{t(`errors.${code}`)}</Text>
        </Paper>
      );
    }
    return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  }

  const view = report.data;
  const writing = view.allowedActions.includes('save');
  const insider = view.people !== null;
  return (
    <Stack gap="lg">
      <StatusLine view={view} />
      <Steps view={view} dirty={dirty} onDone={adopt} answers={answers} onAnswer={answer} showWarnings={!writing} />
      {writing ? (
        <Suspense fallback={<Skeleton height={320} radius="md" />}>
          <ReportEditor
            key={editorKey}
            slug={group.slug}
            meetingId={meeting.id}
            report={view}
            latestVersion={view.version}
            lang={group.charter.authoritative}
            onSaved={adopt}
            onDirtyChange={setDirty}
            onReload={() => void reload()}
            answers={answers}
            onAnswer={answer}
          />
        </Suspense>
      ) : (
        <ReadView view={view} insider={insider} />
      )}
    </Stack>
  );
}

/** The report's status, its version, and who saved it when. */
function StatusLine({ view }: { view: ReportView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useViewerZone();
  const savedBy = view.updatedBy ? personNameParts(view.updatedBy.names, view.updatedBy.displayName, locale) : null;
  const facts = [
    view.version ? t('report.meta.version', { version: view.version }) : t('report.meta.notSaved'),
    view.updatedAt && savedBy ? t('report.meta.savedBy', { date: formatDateTime(view.updatedAt, locale, zone), name: savedBy.local?.text ?? savedBy.latin }) : null,
    view.circulatedAt && view.status !== 'drafting' ? t('report.meta.circulated', { date: formatDateTime(view.circulatedAt, locale, zone) }) : null,
    view.finalizedAt ? t('report.meta.finalized', { date: formatDateTime(view.finalizedAt, locale, zone) }) : null,
  ].filter(Boolean);
  return (
    <div className={classes.statusLine}>
      <ol className={classes.steps} aria-label={t('report.stepsLabel')} data-testid="report-status" data-status={view.status}>
        {STEPS.map((s, i) => {
          const current = s === view.status;
          const done = STEPS.indexOf(view.status) > i;
          return (
            <li key={s} className={classes.step} data-current={current || undefined} data-done={done || undefined} aria-current={current ? 'step' : undefined}>
              <span className={classes.stepDot} aria-hidden="true">
                {done ? '✓' : i + 1}
              </span>
              {t(`report.status.${s}`)}
            </li>
          );
        })}
      </ol>
      <Text size="xs" c="dimmed" data-testid="report-meta">
        {facts.join(' · ')}
      </Text>
    </div>
  );
}

/**
 * The co-chairs' steps. Which are offered comes from the report's allowedActions; circulating
 * (and finalizing) is also offered when the only thing in the way is the attribution check, so
 * the co-chair sees the server's refusal with the passages it found — the server, not this
 * page, has the last word on who was at the meeting.
 */
function Steps({
  view,
  dirty,
  onDone,
  answers,
  onAnswer,
  showWarnings,
}: {
  view: ReportView;
  dirty: boolean;
  onDone: (view: ReportView) => void;
  answers: WarningAnswers;
  onAnswer: (key: string, answer: WarningAnswer['answer'] | null) => void;
  /** The editor, when shown, lists the warnings itself. */
  showWarnings: boolean;
}) {
  const { t } = useTranslation();
  const { group, meeting } = useMeetingContext();
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [done, setDone] = useState<ReportTransition | null>(null);
  const approver = group.allowedActions.includes('report.approve');
  const blockedOnlyByCheck = (step: ReportTransition) =>
    approver && step !== 'reopen' && view.version > 0 && REPORT_FLOW[step].from === view.status && (REPORT_MEETING_STATUSES[step] as readonly string[]).includes(meeting.status) && view.check !== null && !view.check.ok;
  const offered = (['circulate', 'reopen', 'finalize'] as const).filter((s) => view.allowedActions.includes(s) || blockedOnlyByCheck(s));
  const step = useMutation({
    mutationFn: (transition: ReportTransition) => recordMutations.reportStep(group.slug, meeting.id, transition, answersFor(view.check?.warnings ?? [], answers)),
    onSuccess: (next, transition) => {
      setDone(transition);
      onDone(next);
    },
    onError: () => setDone(null),
  });
  const refused: AttributionFinding[] = isApiError(step.error) && step.error.code === 'report.attribution' && Array.isArray(step.error.problem.findings) ? (step.error.problem.findings as AttributionFinding[]) : [];
  const unansweredWarnings: AttributionWarning[] = isApiError(step.error) && step.error.code === 'report.attribution_unanswered' && Array.isArray(step.error.problem.warnings) ? (step.error.problem.warnings as AttributionWarning[]) : [];
  const warnings = view.check?.warnings ?? [];
  if (!offered.length && !done) return null;
  const run = (s: ReportTransition) => {
    setDone(null);
    if (s === 'finalize') setConfirmFinal(true);
    else step.mutate(s);
  };

  return (
    <Paper withBorder radius="md" p="md" className={classes.stepsPanel} data-testid="report-actions">
      <Stack gap="sm">
        {offered.length ? (
          <Group gap="sm" wrap="wrap" align="center">
            {offered.map((s) => (
              <Button
                key={s}
                variant={s === 'reopen' ? 'default' : 'filled'}
                color={s === 'finalize' ? 'teal' : 'navy'}
                onClick={() => run(s)}
                loading={step.isPending && step.variables === s}
                disabled={(s === 'circulate' && dirty) || step.isPending}
                data-testid={`report-${s}`}
              >
                {t(`report.steps.${s}`)}
              </Button>
            ))}
            <Text size="xs" c="dimmed" className={classes.stepHint}>
              {offered.includes('circulate') && dirty ? t('report.steps.saveFirst') : offered.includes('circulate') ? t('report.steps.circulateHint') : offered.includes('finalize') ? t('report.steps.finalizeHint') : null}
            </Text>
          </Group>
        ) : null}
        {showWarnings && offered.some((s) => s !== 'reopen') && !unansweredWarnings.length ? <WarningsList warnings={warnings} answers={answers} onAnswer={onAnswer} testId="step-warnings" /> : null}
        {done ? (
          <Text size="sm" c="green.8" role="status" data-testid="report-step-done">
            {t(`report.steps.done.${done}`)}
          </Text>
        ) : null}
        {step.isError ? (
          <div data-testid="report-refused">
            <ErrorAlert error={step.error} />
            {refused.length ? (
              <Stack gap={4} mt="xs">
                <CheckSummary count={refused.length} />
                <FindingsList findings={refused} onSelect={(i) => scrollToFinding(refused[i])} testId="refused-findings" />
              </Stack>
            ) : null}
            {unansweredWarnings.length ? (
              <div style={{ marginTop: 8 }}>
                <WarningsList warnings={unansweredWarnings} answers={answers} onAnswer={onAnswer} testId="refused-warnings" />
              </div>
            ) : null}
          </div>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={confirmFinal}
        onClose={() => setConfirmFinal(false)}
        title={t('report.steps.finalizeTitle')}
        message={t('report.steps.finalizeBody')}
        confirmLabel={t('report.steps.finalize')}
        onConfirm={async () => {
          const next = await recordMutations.reportStep(group.slug, meeting.id, 'finalize', answersFor(view.check?.warnings ?? [], answers));
          setDone('finalize');
          onDone(next);
        }}
      />
    </Paper>
  );
}

/** Choosing a refused passage scrolls the text (the editor, or the report as read) to it; the live check marks it there. */
function scrollToFinding(f: AttributionFinding | undefined) {
  if (!f) return;
  const root = document.querySelector('[data-testid="report-text"] .ProseMirror') ?? document.querySelector('[data-testid="report-content"]');
  root?.children[f.block]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

/** The report as the group reads it; for those who write or approve it, with the check's findings marked. */
function ReadView({ view, insider }: { view: ReportView; insider: boolean }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const findings = insider && view.check ? view.check.findings : [];
  const reveal = useHighlights(box, null, findings, active);
  const empty = view.content.content.length === 0;
  const waiting = view.status === 'drafting' && !(REPORT_MEETING_STATUSES.save as readonly string[]).includes(meeting.status);
  return (
    <Stack gap="md">
      {waiting ? (
        <Text size="sm" c="dimmed" data-testid="report-waiting">
          {t('report.notYet')}
        </Text>
      ) : null}
      {empty ? (
        <Text size="sm" c="dimmed" data-testid="report-empty">
          {t('report.empty')}
        </Text>
      ) : (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} component="article" className={classes.article}>
          <div ref={box} className={`${classes.reportText} ${classes.marked}`} data-testid="report-content">
            <RichTextView doc={view.content} />
          </div>
        </Paper>
      )}
      {insider && view.check && view.attribution === 'chatham_house' && !empty ? (
        <Paper withBorder radius="md" p="md" component="aside" className={classes.checkPanel} data-testid="check-panel">
          <Stack gap="xs">
            <Title order={4} size="h5">
              {t('report.check.title')}
            </Title>
            <CheckSummary count={findings.length} />
            {findings.length ? (
              <FindingsList
                findings={findings}
                active={active}
                onSelect={(i) => {
                  setActive(i);
                  reveal(findings[i], false);
                }}
              />
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
