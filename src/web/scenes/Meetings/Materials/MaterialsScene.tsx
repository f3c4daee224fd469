import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_FILE_TYPES, type MaterialView } from '../../../../core/materials';
import { recordKeys, recordMutations, refreshMeeting, useMaterials } from '../../../api/queries';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime, personNameParts } from '../../../components/format';
import { PersonName } from '../../../components/PersonName';
import { textLang } from '../../../components/text-lang';
import { useViewerZone } from '../../../components/time/useViewerZone';
import { currentLocale } from '../../../i18n';
import { useMeetingContext } from '../context';
import classes from './Materials.module.css';
import { formatBytes } from './upload';
import { UploadPanel } from './UploadPanel';
import { VersionsDrawer } from './VersionsDrawer';

const KIND_COLORS: Record<MaterialView['kind'], string> = { paper: 'navy', slides: 'grape', image: 'teal', other: 'gray' };

/**
 * The meeting's materials: papers, slides and images with their authors and latest versions,
 * for everyone who may see the group to download; participants (observers too) upload; the
 * uploader, the author and those who plan the meetings add versions and withdraw.
 */
export function MaterialsScene() {
  const { t } = useTranslation();
  const { group, meeting } = useMeetingContext();
  const queryClient = useQueryClient();
  const list = useMaterials(group.slug, meeting.id);
  const canAdd = group.allowedActions.includes('materials.add');
  const [openId, setOpenId] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<MaterialView | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const current = items.filter((m) => !m.withdrawnAt);
  const withdrawn = items.filter((m) => m.withdrawnAt);

  return (
    <Stack gap="lg" data-testid="materials">
      <div>
        <Title order={3} className={classes.title}>
          {t('materials.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('materials.intro')}
        </Text>
      </div>

      {canAdd ? <UploadPanel onUploaded={(m) => setUploaded(m.title)} /> : null}
      {uploaded ? (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setUploaded(null)} data-testid="upload-done">
          {t('materials.upload.done', { title: uploaded })}
        </Alert>
      ) : null}

      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={96} radius="md" />
          <Skeleton height={96} radius="md" />
        </Stack>
      ) : list.data && current.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="materials-none">
          {canAdd ? t('materials.noneCanAdd') : t('materials.none')}
        </Text>
      ) : null}

      {current.length ? (
        <Stack gap="sm" component="ul" className={classes.list} data-testid="material-list">
          {current.map((m) => (
            <li key={m.id}>
              <MaterialCard material={m} onVersions={() => setOpenId(m.id)} onWithdraw={() => setWithdrawing(m)} />
            </li>
          ))}
        </Stack>
      ) : null}

      {withdrawn.length ? (
        <Stack gap="xs">
          <Title order={4} size="h5" c="dimmed">
            {t('materials.withdrawnHeading')}
          </Title>
          <Stack gap="sm" component="ul" className={classes.list} data-testid="withdrawn-list">
            {withdrawn.map((m) => (
              <li key={m.id}>
                <MaterialCard material={m} onVersions={() => setOpenId(m.id)} onWithdraw={() => undefined} />
              </li>
            ))}
          </Stack>
        </Stack>
      ) : null}

      <VersionsDrawer materialId={openId} onClose={() => setOpenId(null)} />
      <ConfirmModal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('materials.withdrawTitle')}
        message={t('materials.withdrawBody', { title: withdrawing?.title ?? '' })}
        confirmLabel={t('materials.withdraw')}
        onConfirm={async () => {
          if (!withdrawing) return;
          await recordMutations.withdrawMaterial(group.slug, meeting.id, withdrawing.id);
          await queryClient.invalidateQueries({ queryKey: recordKeys.materials(group.slug, meeting.id) });
          void refreshMeeting(queryClient, group.slug);
        }}
      />
    </Stack>
  );
}

function FileGlyph({ type }: { type: keyof typeof MATERIAL_FILE_TYPES }) {
  const label = type === 'jpeg' ? 'JPG' : type.toUpperCase();
  return (
    <div className={classes.glyph} data-type={type} aria-hidden="true">
      <svg width="34" height="40" viewBox="0 0 34 40" fill="none">
        <path d="M3 1.5h19l10 10V37a1.5 1.5 0 0 1-1.5 1.5h-27A1.5 1.5 0 0 1 2 37V3A1.5 1.5 0 0 1 3.5 1.5Z" fill="#fff" stroke="currentColor" strokeWidth="1.5" />
        <path d="M22 1.5V10a1.5 1.5 0 0 0 1.5 1.5H32" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className={classes.glyphLabel}>{label}</span>
    </div>
  );
}

function MaterialCard({ material: m, onVersions, onWithdraw }: { material: MaterialView; onVersions: () => void; onWithdraw: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useViewerZone();
  const latest = m.latest;
  const by = latest.uploadedBy ? personNameParts(latest.uploadedBy.names, latest.uploadedBy.displayName, locale) : null;
  const when = formatDateTime(latest.uploadedAt, locale, zone);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} className={classes.card} data-testid="material-card" data-withdrawn={m.withdrawnAt ? true : undefined}>
      <FileGlyph type={latest.type} />
      <Stack gap={6} className={classes.cardBody}>
        <Group gap="xs" wrap="wrap" align="center">
          <Badge color={KIND_COLORS[m.kind]} variant="light" radius="sm" tt="none" data-testid="material-kind-badge">
            {t(`materials.kind.${m.kind}`)}
          </Badge>
          {m.withdrawnAt ? (
            <Badge color="red" variant="outline" radius="sm" tt="none">
              {t('materials.withdrawnOn', { date: formatDateTime(m.withdrawnAt, locale, zone) })}
            </Badge>
          ) : null}
          {m.session ? (
            <Text size="xs" c="dimmed" lang={textLang(m.session.title)} className={classes.sessionLine}>
              {t('materials.forSession', { title: m.session.title })}
            </Text>
          ) : null}
        </Group>
        <Text fw={600} className={classes.materialTitle} lang={textLang(m.title)} data-testid="material-title-text">
          {m.title}
        </Text>
        {m.author ? (
          <div className={classes.author} data-testid="material-author-name">
            <Text span size="xs" c="dimmed" className={classes.authorLabel}>
              {m.kind === 'paper' ? t('materials.paperBy') : t('materials.authorLabel')}
            </Text>
            <PersonName names={m.author.names} displayName={m.author.displayName} affiliation={m.author.affiliation} size="sm" />
          </div>
        ) : null}
        <Text size="xs" c="dimmed" className={classes.fileLine} data-testid="material-latest">
          <span className={classes.fileName} lang={textLang(latest.fileName)}>
            {latest.fileName}
          </span>
          {' · '}
          {formatBytes(latest.size, locale)} · {MATERIAL_FILE_TYPES[latest.type].label} · {by ? t('materials.uploadedBy', { date: when, name: by.local?.text ?? by.latin }) : t('materials.uploadedOn', { date: when })}
        </Text>
      </Stack>
      <div className={classes.actions}>
        <Button component="a" href={latest.downloadUrl} download={latest.fileName} size="xs" aria-label={t('materials.downloadNamed', { file: latest.fileName })} data-testid="material-download">
          {t('materials.download')}
        </Button>
        <Button variant="default" size="xs" onClick={onVersions} data-testid="material-versions">
          {t('materials.versionCount', { count: m.versionCount })}
        </Button>
        {m.allowedActions.includes('withdraw') && !m.withdrawnAt ? (
          <Anchor component="button" type="button" size="xs" c="red.7" onClick={onWithdraw} className={classes.withdraw} data-testid="material-withdraw">
            {t('materials.withdraw')}
          </Anchor>
        ) : null}
      </div>
    </Paper>
  );
}
