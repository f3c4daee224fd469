import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import type { AttributionRule } from '../../../../core/meetings';
import { compileAttributionTerms, findAttributions, type AttributionFinding, type AttributionPerson, type AttributionResult, type AttributionWarning, type WarningAnswer } from '../../../../core/attribution';
import type { ReportView } from '../../../../core/reports';
import type { RichText } from '../../../../core/rich-text';
import { isApiError } from '../../../api/client';
import { recordMutations } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RichTextEditor } from '../../../editor/RichTextEditor';
import { CheckSummary, FindingsList, sameDoc } from './Findings';
import { WarningsList, type WarningAnswers } from './Warnings';
import classes from './Report.module.css';
import { useHighlights } from './useHighlights';

interface Props {
  slug: string;
  meetingId: string;
  /** The report as loaded when the editor opened (a new `key` reloads it). */
  report: ReportView;
  /** The latest version the server has told us about, to notice someone else's save. */
  latestVersion: number;
  lang: string;
  onSaved: (view: ReportView) => void;
  onDirtyChange: (dirty: boolean) => void;
  onReload: () => void;
  /** The answers to the check's warnings given in this page, shared with the co-chairs' steps. */
  answers: WarningAnswers;
  onAnswer: (key: string, answer: WarningAnswer['answer'] | null) => void;
}

/**
 * The attribution check, run as the rapporteur types: the same function the server runs before
 * it circulates the report, with the meeting's people it gave us. The terms are compiled once.
 */
export function useLiveCheck(doc: RichText, people: readonly AttributionPerson[] | null, rule: AttributionRule): AttributionResult {
  const terms = useMemo(() => (people && rule !== 'on_record' ? compileAttributionTerms(people) : []), [people, rule]);
  return useMemo(() => (terms.length ? findAttributions(doc, terms) : { findings: [], warnings: [] }), [doc, terms]);
}

/**
 * The report's editor for those who write it (loaded only for them: Tiptap stays out of the
 * main bundle): the rich-text editor with the live Chatham House check beside it, each finding
 * marked in the text; saves name the version they started from, and a stale one offers to load
 * the latest.
 */
export default function ReportEditor({ slug, meetingId, report, latestVersion, lang, onSaved, onDirtyChange, onReload, answers, onAnswer }: Props) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<RichText>(report.content);
  const [saved, setSaved] = useState<{ doc: RichText; version: number }>({ doc: report.content, version: report.version });
  const [active, setActive] = useState<number | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const dirty = !sameDoc(doc, saved.doc);
  const { findings, warnings } = useLiveCheck(doc, report.people, report.attribution);
  const box = useRef<HTMLDivElement>(null);
  const reveal = useHighlights(box, '.ProseMirror', findings, active !== null && active < findings.length ? active : null);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  const save = useMutation({
    mutationFn: (content: RichText) => recordMutations.saveReport(slug, meetingId, content, saved.version),
    onSuccess: (view, content) => {
      setSaved({ doc: content, version: view.version });
      setJustSaved(true);
      onSaved(view);
    },
  });
  const conflict = isApiError(save.error) && save.error.code === 'resource.version_conflict' ? Number(save.error.problem.latestVersion ?? latestVersion) : null;
  const newer = !save.isPending && latestVersion > saved.version ? latestVersion : null;
  const doSave = () => {
    if (!save.isPending && dirty) {
      setJustSaved(false);
      save.mutate(doc);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      doSave();
    }
  };
  const choose = (i: number) => {
    setActive(i);
    reveal(findings[i], true);
  };

  return (
    <div className={classes.editorLayout} onKeyDown={onKeyDown} data-testid="report-editor">
      <Stack gap="sm" className={classes.editorColumn}>
        {conflict !== null || newer !== null ? (
          <Alert color="orange" variant="light" role="alert" data-testid="report-conflict">
            <Stack gap="xs">
              <Text size="sm">{t('report.editor.conflict', { version: conflict ?? newer ?? 0 })}</Text>
              <Group>
                <Button size="xs" color="orange" onClick={onReload} data-testid="report-reload">
                  {t('report.editor.loadLatest')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        <div ref={box} className={classes.marked}>
          <RichTextEditor label={t('report.editor.label')} description={t('report.editor.description')} lang={lang} value={report.content} onChange={setDoc} data-testid="report-text" />
        </div>
        <Group justify="space-between" gap="sm" wrap="wrap" className={classes.saveBar}>
          <Text size="sm" c={dirty ? 'orange.9' : 'dimmed'} role="status" data-testid="report-save-state">
            {dirty ? t('report.editor.unsaved') : saved.version ? t('report.editor.allSaved', { version: saved.version }) : t('report.meta.notSaved')}
          </Text>
          <Button onClick={doSave} loading={save.isPending} disabled={!dirty || conflict !== null} data-testid="report-save">
            {t('report.editor.save')}
          </Button>
        </Group>
        {save.isError && conflict === null ? <ErrorAlert error={save.error} /> : null}
        {justSaved && !dirty ? (
          <Text size="xs" c="green.8" data-testid="report-saved">
            {t('report.editor.saved', { version: saved.version })}
          </Text>
        ) : null}
      </Stack>
      <CheckPanel rule={report.attribution} findings={findings} warnings={warnings} answers={answers} onAnswer={onAnswer} active={active} onSelect={choose} />

      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} centered radius="md" title={<Text fw={600}>{t('report.editor.leaveTitle')}</Text>}>
        <Stack gap="md">
          <Text size="sm">{t('report.editor.leaveBody')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
              {t('report.editor.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('report.editor.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

/** Beside the editor: the rule's check, live, with each finding and where it is. */
function CheckPanel({
  rule,
  findings,
  warnings,
  answers,
  onAnswer,
  active,
  onSelect,
}: {
  rule: AttributionRule;
  findings: AttributionFinding[];
  warnings: AttributionWarning[];
  answers: WarningAnswers;
  onAnswer: Props['onAnswer'];
  active: number | null;
  onSelect: (i: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="aside" aria-labelledby="check-title" className={classes.checkPanel} data-testid="check-panel" data-rule={rule}>
      <Stack gap="xs">
        <Title order={4} size="h5" id="check-title">
          {t('report.check.title')}
        </Title>
        {rule === 'on_record' ? (
          <Text size="sm" data-testid="check-on-record">
            {t('report.check.onRecord')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('report.check.intro')}
            </Text>
            <div aria-live="polite">
              <CheckSummary count={findings.length} />
            </div>
            {findings.length ? <FindingsList findings={findings} active={active} onSelect={onSelect} testId="live-findings" /> : null}
            <WarningsList warnings={warnings} answers={answers} onAnswer={onAnswer} testId="live-warnings" />
            <Text size="xs" c="dimmed">
              {t('report.check.safeguard')}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
