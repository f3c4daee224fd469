import { Badge, Button, Group, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compareBlocks, comparisonCounts, type CompareRow, type VersionComparison } from '../../../core/deliberation';
import { deliberationMutations, refreshDeliberation, useDraftVersion, useDraftVersions, useVersionComparison } from '../../api/queries';
import { blocksOfDoc } from '../../editor/draft-blocks';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { currentLocale } from '../../i18n';
import { DiffText, paraLabel, type DeliberationProps } from './deliberation-shared';
import classes from './Deliberation.module.css';

/**
 * Named versions (#5 part 3): the list, "Name this version" and restore for the co-chairs, and
 * a comparison of any two (or a version with the live text) as a readable diff, paragraph by
 * paragraph with their ¶/R numbers on both sides.
 */
export function VersionsPanel({ slug, draft, group, editor }: DeliberationProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const versions = useDraftVersions(slug, draft.id);
  const canDecide = group.allowedActions.includes('drafts.decide');
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>('live');

  if (versions.isPending) return <Skeleton height={160} radius="md" />;
  if (versions.isError) return <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />;
  const list = versions.data;
  const latest = list[list.length - 1];
  const fromValue = from ?? (latest ? String(latest.number) : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setPending(true);
    setFailed(null);
    try {
      await deliberationMutations.nameVersion(slug, draft.id, name.trim());
      await refreshDeliberation(queryClient, slug, draft.id);
      setName('');
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  const options = list.map((v) => ({ value: String(v.number), label: t('deliberation.versions.option', { number: v.number, name: v.name }) }));

  return (
    <Stack gap="md" className={classes.panel} data-testid="versions-panel">
      {canDecide ? (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="version-name-form">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput label={t('deliberation.versions.nameLabel')} placeholder={t('deliberation.versions.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} style={{ flex: '1 1 14rem' }} data-testid="version-name" />
            <Button type="submit" loading={pending} disabled={!name.trim()} data-testid="version-name-save">
              {t('deliberation.versions.name')}
            </Button>
          </Group>
          {failed ? <ErrorAlert error={failed} /> : null}
        </form>
      ) : null}
      {list.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="versions-empty">
          {t('deliberation.versions.empty')}
        </Text>
      ) : (
        <Stack gap={6} data-testid="versions-list">
          {[...list].reverse().map((v) => (
            <div key={v.id} className={classes.card} data-testid="version" data-number={v.number}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {t('deliberation.versions.option', { number: v.number, name: v.name })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {v.createdBy?.displayName ?? '—'} · {formatDateTime(v.createdAt, locale)}
                    {v.restoredFrom !== null ? ` · ${t('deliberation.versions.restoredFrom', { number: v.restoredFrom })}` : ''}
                  </Text>
                </div>
                {canDecide ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => setRestoring(v.number)} data-testid="version-restore">
                    {t('deliberation.versions.restore')}
                  </Button>
                ) : null}
              </Group>
            </div>
          ))}
        </Stack>
      )}
      {list.length > 0 ? (
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('deliberation.versions.compare')}
          </Text>
          <Group gap="xs" wrap="wrap" align="flex-end">
            <Select label={t('deliberation.versions.from')} data={options} value={fromValue} onChange={setFrom} allowDeselect={false} style={{ flex: '1 1 12rem' }} data-testid="compare-from" />
            <Select
              label={t('deliberation.versions.to')}
              data={[{ value: 'live', label: t('deliberation.versions.live') }, ...options]}
              value={to}
              onChange={setTo}
              allowDeselect={false}
              style={{ flex: '1 1 12rem' }}
              data-testid="compare-to"
            />
          </Group>
          {fromValue ? <Comparison slug={slug} draftId={draft.id} lang={draft.lang} from={Number(fromValue)} to={to === 'live' || !to ? 'live' : Number(to)} editor={editor} /> : null}
        </Stack>
      ) : null}
      <ConfirmModal
        opened={restoring !== null}
        onClose={() => setRestoring(null)}
        title={t('deliberation.versions.restoreTitle', { number: restoring ?? 0 })}
        message={t('deliberation.versions.restoreMessage', { number: restoring ?? 0 })}
        confirmLabel={t('deliberation.versions.restore')}
        onConfirm={async () => {
          if (restoring === null) return;
          await deliberationMutations.restoreVersion(slug, draft.id, restoring);
          await refreshDeliberation(queryClient, slug, draft.id);
        }}
      />
    </Stack>
  );
}

const OP_COLOR: Record<CompareRow['op'], string> = { equal: 'gray', change: 'blue', delete: 'red', insert: 'green' };

/**
 * A comparison of two versions (from the server), or of a version with the live text: that one is
 * computed here, from the version's blocks and the editor's document as it is now, with the same
 * core function as the server, so it follows every keystroke (#9: it showed "Changed 0" from a
 * cached answer while people typed).
 */
function Comparison({ slug, draftId, lang, from, to, editor }: { slug: string; draftId: string; lang: string; from: number; to: number | 'live'; editor: Editor | null }) {
  const live = to === 'live' && editor !== null;
  const doc = useEditorState({ editor, selector: ({ editor: e }) => (e ? e.state.doc : null), equalityFn: (a, b) => a === b });
  const version = useDraftVersion(slug, draftId, live ? from : null);
  const liveRows = useMemo(() => (live && doc && version.data ? compareBlocks(version.data.blocks, blocksOfDoc(doc)) : null), [live, doc, version.data]);
  const cmp = useVersionComparison(slug, draftId, live ? null : from, live ? null : to);
  if (live) {
    if (version.isError) return <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
    if (!liveRows) return <Skeleton height={120} radius="md" />;
    return <ComparisonRows rows={liveRows} counts={comparisonCounts(liveRows)} lang={lang} />;
  }
  if (cmp.isPending) return <Skeleton height={120} radius="md" />;
  if (cmp.isError) return <ErrorAlert error={cmp.error} onRetry={() => void cmp.refetch()} />;
  return <ComparisonRows rows={cmp.data.rows} counts={cmp.data.counts} lang={lang} />;
}

function ComparisonRows({ rows, counts, lang }: { rows: VersionComparison['rows']; counts: VersionComparison['counts']; lang: string }) {
  const { t } = useTranslation();
  const [onlyChanges, setOnlyChanges] = useState(true);
  const shown = onlyChanges ? rows.filter((r) => r.op !== 'equal' || r.moved) : rows;
  return (
    <Stack gap="xs" data-testid="comparison">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed" data-testid="comparison-counts">
          {t('deliberation.versions.counts', { changed: counts.changed, inserted: counts.inserted, deleted: counts.deleted, moved: counts.moved })}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setOnlyChanges((v) => !v)} data-testid="comparison-toggle">
          {onlyChanges ? t('deliberation.versions.showAll') : t('deliberation.versions.onlyChanges')}
        </Button>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deliberation.versions.same')}
        </Text>
      ) : null}
      {shown.map((r, i) => (
        <div key={`${r.uid ?? 'x'}-${i}`} className={classes.card} data-testid="comparison-row" data-op={r.op}>
          <Group gap={6} mb={4} wrap="wrap">
            <Badge tt="none" size="sm" variant="outline" color="gray" radius="sm">
              {r.before ? paraLabel(r.before) : '∅'} → {r.after ? paraLabel(r.after) : '∅'}
            </Badge>
            <Badge tt="none" size="sm" variant="light" color={OP_COLOR[r.op]} radius="sm">
              {t(`deliberation.versions.op.${r.op}`)}
            </Badge>
            {r.moved ? (
              <Badge tt="none" size="sm" variant="light" color="grape" radius="sm">
                {t('deliberation.versions.moved')}
              </Badge>
            ) : null}
          </Group>
          <DiffText ops={r.diff} lang={lang} testId="comparison-diff" />
        </div>
      ))}
    </Stack>
  );
}
