import { Alert, Badge, Button, Checkbox, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEditorState } from '@tiptap/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { amendmentAgainstLive, amendmentDiff, type AmendmentView } from '../../../core/deliberation';
import { deliberationMutations, refreshDeliberation, useAmendments } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { blocksOfDoc } from '../../editor/draft-blocks';
import { highlightParagraph } from '../../editor/DraftHighlight';
import { currentLocale } from '../../i18n';
import { DiffText, paraLabel, type DeliberationProps } from './deliberation-shared';
import { MergeModal, ProposeModal, RejectModal } from './AmendmentModals';
import classes from './Deliberation.module.css';

/** 'lines 5–6', 'line 5', or for a new paragraph 'after line 9', as amendment practice cites them. */
function linesLabel(t: TFunction, lines: NonNullable<AmendmentView['lines']>): string {
  if (lines.first === null) return t('deliberation.amendments.afterLine', { line: lines.last });
  return lines.first === lines.last ? t('deliberation.amendments.line', { line: lines.first }) : t('deliberation.amendments.lines', { first: lines.first, last: lines.last });
}

const STATUS_COLOR: Record<string, string> = { open: 'blue', accepted: 'green', rejected: 'red', merged: 'grape', withdrawn: 'gray' };

/**
 * Amendments (#5 part 4): each with its A number, the ¶/R it touches, the delegation, the diff
 * original → proposed, the rationale, its status, and flags when superseded or colliding; a
 * participant proposes one from the paragraph the caret is in; the co-chairs accept, reject
 * with a reason, or merge colliding ones; the proposer withdraws. Hovering or selecting one
 * marks its paragraph in the text.
 */
export function AmendmentsPanel(props: DeliberationProps) {
  const { t } = useTranslation();
  const { slug, draft, editor, caret, numbersOf } = props;
  const list = useAmendments(slug, draft.id);
  const [proposing, setProposing] = useState(false);
  const [rejecting, setRejecting] = useState<AmendmentView | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState<AmendmentView[] | null>(null);
  const [active, setActive] = useState<string | null>(null);
  // The live text as it is typed: an amendment is out of date the moment its paragraph changes.
  const doc = useEditorState({ editor, selector: ({ editor: e }) => (e ? e.state.doc : null), equalityFn: (a, b) => a === b });
  const liveTexts = useMemo(() => (doc && doc.childCount > 0 ? new Map(blocksOfDoc(doc).flatMap((b) => (b.uid ? [[b.uid, b.text] as const] : []))) : null), [doc]);

  if (list.isPending) return <Skeleton height={160} radius="md" />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const { amendments, latestVersion, canAmend, canDecide } = list.data;
  const caretNumbers = caret?.uid ? numbersOf(caret.uid) : null;
  const canProposeHere = !!caret?.uid && caretNumbers?.paragraph != null;
  const chosen = amendments.filter((a) => selected.includes(a.id));
  const sameParagraph = chosen.length >= 2 && chosen.every((a) => a.blockUid === chosen[0]?.blockUid);
  const open = amendments.filter((a) => a.status === 'open').length;

  const mark = (a: AmendmentView | null, scroll = false) => highlightParagraph(editor, a?.blockUid ?? a?.afterUid ?? null, scroll);

  return (
    <Stack gap="md" className={classes.panel} data-testid="amendments-panel">
      <Text size="sm" c="dimmed">
        {t('deliberation.amendments.summary', { count: amendments.length, open })}
      </Text>
      {canAmend ? (
        latestVersion === null ? (
          <Alert color="blue" variant="light" data-testid="amendments-no-version">
            {t('deliberation.amendments.noVersion')}
          </Alert>
        ) : (
          <Group gap="sm" wrap="wrap">
            <Button onClick={() => setProposing(true)} disabled={!canProposeHere} data-testid="amendment-propose">
              {canProposeHere ? t('deliberation.amendments.proposeAt', { where: paraLabel(caretNumbers) }) : t('deliberation.amendments.propose')}
            </Button>
            {!canProposeHere ? (
              <Text size="xs" c="dimmed">
                {t('deliberation.amendments.placeCaret')}
              </Text>
            ) : null}
          </Group>
        )
      ) : null}
      {canDecide && chosen.length > 0 ? (
        <Group gap="sm" data-testid="amendments-merge-bar">
          <Button variant="light" disabled={!sameParagraph} onClick={() => setMerging(chosen)} data-testid="amendments-merge">
            {t('deliberation.amendments.mergeSelected', { count: chosen.length })}
          </Button>
          {!sameParagraph ? (
            <Text size="xs" c="dimmed">
              {t('deliberation.amendments.mergeHint')}
            </Text>
          ) : null}
        </Group>
      ) : null}
      {amendments.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="amendments-empty">
          {t('deliberation.amendments.empty')}
        </Text>
      ) : null}
      {[...amendments].reverse().map((a) => (
        <AmendmentCard
          key={a.id}
          a={liveTexts ? { ...a, ...amendmentAgainstLive(a, (uid) => liveTexts.get(uid)) } : a}
          lang={draft.lang}
          active={active === a.id}
          selectable={canDecide && a.status === 'open' && a.actions.includes('merge')}
          selected={selected.includes(a.id)}
          onSelect={(on) => setSelected((s) => (on ? [...s, a.id] : s.filter((x) => x !== a.id)))}
          onHover={(on) => mark(on ? a : amendments.find((x) => x.id === active) ?? null)}
          onFocusCard={() => {
            setActive(a.id);
            mark(a, true);
          }}
          onReject={() => setRejecting(a)}
          slug={slug}
          draftId={draft.id}
        />
      ))}
      {proposing && caret?.uid && latestVersion !== null ? <ProposeModal {...props} uid={caret.uid} liveText={caret.text} where={paraLabel(caretNumbers)} onClose={() => setProposing(false)} /> : null}
      {rejecting ? <RejectModal slug={slug} draftId={draft.id} a={rejecting} onClose={() => setRejecting(null)} /> : null}
      {merging ? (
        <MergeModal
          slug={slug}
          draftId={draft.id}
          lang={draft.lang}
          list={merging}
          onClose={(done) => {
            setMerging(null);
            if (done) setSelected([]);
          }}
        />
      ) : null}
    </Stack>
  );
}

interface CardProps {
  a: AmendmentView;
  lang: string;
  active: boolean;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onHover: (on: boolean) => void;
  onFocusCard: () => void;
  onReject: () => void;
  slug: string;
  draftId: string;
}

function AmendmentCard({ a, lang, active, selectable, selected, onSelect, onHover, onFocusCard, onReject, slug, draftId }: CardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const run = (name: string, step: () => Promise<unknown>) => {
    setPending(name);
    setFailed(null);
    step()
      .then(() => refreshDeliberation(queryClient, slug, draftId))
      .catch((err: unknown) => {
        setFailed(err);
        void refreshDeliberation(queryClient, slug, draftId);
      })
      .finally(() => setPending(null));
  };
  return (
    <article
      className={classes.card}
      data-active={active || undefined}
      data-status={a.status}
      data-testid="amendment"
      data-label={a.label}
      aria-label={a.label}
      onMouseEnter={() => onHover(true)}
      onMouseLeave={() => onHover(false)}
      onClick={onFocusCard}
    >
      <Stack gap={6}>
        <Group gap={6} wrap="wrap" justify="space-between">
          <Group gap={6} wrap="wrap">
            {selectable ? <Checkbox checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} onClick={(e) => e.stopPropagation()} aria-label={t('deliberation.amendments.select', { label: a.label })} data-testid="amendment-select" /> : null}
            <Text fw={700} data-testid="amendment-label">
              {a.label}
            </Text>
            <Badge tt="none" variant="outline" color="gray" radius="sm" data-testid="amendment-where">
              {a.afterUid ? t('deliberation.amendments.after', { where: paraLabel(a) }) : paraLabel(a)}
              {a.lines ? ` · ${linesLabel(t, a.lines)}` : ''}
            </Badge>
            <Badge tt="none" color={STATUS_COLOR[a.status]} variant="light" radius="sm" data-testid="amendment-status" data-status={a.status}>
              {t(`deliberation.amendments.status.${a.status}`)}
            </Badge>
            {a.superseded ? (
              <Badge tt="none" color="orange" variant="outline" radius="sm" data-testid="amendment-superseded" leftSection={<span aria-hidden="true">⟲</span>}>
                {t('deliberation.amendments.superseded', { number: a.draftVersion.number })}
              </Badge>
            ) : null}
            {a.outOfDate ? (
              <Badge tt="none" color="orange" variant="filled" radius="sm" data-testid="amendment-out-of-date" data-reason={a.outOfDate} leftSection={<span aria-hidden="true">⚠</span>}>
                {t(a.outOfDate === 'gone' ? 'deliberation.amendments.paragraphGone' : 'deliberation.amendments.outOfDate')}
              </Badge>
            ) : null}
            {(a.status === 'open' ? a.overtakenBy : []).map((n) => (
              <Badge tt="none" key={`o${n}`} color="orange" variant="outline" radius="sm" data-testid="amendment-overtaken">
                {t('deliberation.amendments.overtakenBy', { label: `A${n}` })}
              </Badge>
            ))}
            {(a.status === 'open' ? a.collidesWith : []).map((n) => (
              <Badge tt="none" key={n} color="red" variant="outline" radius="sm" data-testid="amendment-collides" leftSection={<span aria-hidden="true">⚠</span>}>
                {t('deliberation.amendments.collides', { label: `A${n}` })}
              </Badge>
            ))}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('deliberation.amendments.by', { committee: a.committee?.name ?? '—', name: a.proposedBy?.displayName ?? '—', when: formatDateTime(a.createdAt, locale) })} · {t('deliberation.amendments.onVersion', { number: a.draftVersion.number })}
        </Text>
        <DiffText ops={a.diff} lang={lang} testId="amendment-diff" />
        {a.outOfDate === 'changed' && a.liveText !== null ? (
          <Alert color="orange" variant="light" p="xs" data-testid="amendment-live">
            <Text size="xs" mb={4}>
              {t('deliberation.amendments.liveNote')}
            </Text>
            <DiffText ops={amendmentDiff(a.liveText, a.proposedText)} lang={lang} testId="amendment-live-diff" />
          </Alert>
        ) : null}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <strong>{t('deliberation.amendments.rationale')}</strong> {a.rationale}
        </Text>
        {a.mergedFrom.length > 0 ? (
          <Text size="xs" c="dimmed">
            {t('deliberation.amendments.mergedFrom', { labels: a.mergedFrom.map((n) => `A${n}`).join(', ') })}
          </Text>
        ) : null}
        {a.mergedInto !== null ? (
          <Text size="xs" c="dimmed">
            {t('deliberation.amendments.mergedInto', { label: `A${a.mergedInto}` })}
          </Text>
        ) : null}
        {a.decidedBy && a.status !== 'open' ? (
          <Text size="xs" c="dimmed" data-testid="amendment-decision">
            {t('deliberation.amendments.decidedBy', { name: a.decidedBy.displayName, when: a.decidedAt ? formatDateTime(a.decidedAt, locale) : '' })}
            {a.decisionReason ? ` — ${a.decisionReason}` : ''}
          </Text>
        ) : null}
        {failed ? <ErrorAlert error={failed} /> : null}
        {a.actions.length > 0 ? (
          <Group gap="xs" onClick={(e) => e.stopPropagation()}>
            {a.actions.includes('accept') && a.outOfDate !== 'gone' ? (
              <Button
                size="xs"
                color={a.outOfDate ? 'orange' : 'green'}
                loading={pending === 'accept'}
                onClick={() => run('accept', () => deliberationMutations.accept(slug, draftId, a, a.outOfDate === 'changed' ? (a.liveText ?? undefined) : undefined))}
                data-testid="amendment-accept"
              >
                {t(a.outOfDate ? 'deliberation.amendments.acceptOverCurrent' : 'deliberation.amendments.accept')}
              </Button>
            ) : null}
            {a.actions.includes('reject') ? (
              <Button size="xs" variant="light" color="red" onClick={onReject} data-testid="amendment-reject">
                {t('deliberation.amendments.reject')}
              </Button>
            ) : null}
            {a.actions.includes('withdraw') ? (
              <Button size="xs" variant="default" loading={pending === 'withdraw'} onClick={() => run('withdraw', () => deliberationMutations.withdraw(slug, draftId, a))} data-testid="amendment-withdraw">
                {t('deliberation.amendments.withdraw')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </article>
  );
}
