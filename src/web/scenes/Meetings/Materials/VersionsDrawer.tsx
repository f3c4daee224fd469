import { Alert, Badge, Button, Code, Drawer, Group, Progress, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_FILE_TYPES, type MaterialVersion, type MaterialView } from '../../../../core/materials';
import { materialsPath, recordKeys, useMaterialVersions, useSession } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime, personNameParts } from '../../../components/format';
import { PersonName } from '../../../components/PersonName';
import { textLang } from '../../../components/text-lang';
import { useViewerZone } from '../../../components/time/useViewerZone';
import { currentLocale } from '../../../i18n';
import { useMeetingContext } from '../context';
import { precheckMessage, uploadErrorMessage } from './errors';
import { FileDrop } from './FileDrop';
import classes from './Materials.module.css';
import { formatBytes, isAbort, precheck, uploadForm, type Progress as UploadProgress } from './upload';

/** A material's versions, newest first, each downloadable; its uploader, author or those who plan the meeting add a new one. */
export function VersionsDrawer({ materialId, onClose }: { materialId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { group, meeting } = useMeetingContext();
  const phone = useMediaQuery('(max-width: 36em)');
  const versions = useMaterialVersions(group.slug, meeting.id, materialId);
  const data = versions.data && versions.data.material.id === materialId ? versions.data : null;
  return (
    <Drawer
      opened={materialId !== null}
      onClose={onClose}
      position={phone ? 'bottom' : 'right'}
      size={phone ? '92%' : 'lg'}
      radius={phone ? 'md' : 0}
      title={<Text fw={600}>{data ? t('materials.versions.title', { title: data.material.title }) : t('materials.versions.heading')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="versions-drawer"
    >
      {versions.isError ? <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      {!data && versions.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={80} />
          <Skeleton height={80} />
        </Stack>
      ) : null}
      {data ? (
        <Stack gap="md">
          {data.material.author ? (
            <div>
              <Text size="xs" c="dimmed">
                {data.material.kind === 'paper' ? t('materials.paperBy') : t('materials.authorLabel')}
              </Text>
              <PersonName names={data.material.author.names} displayName={data.material.author.displayName} affiliation={data.material.author.affiliation} size="sm" />
            </div>
          ) : null}
          {data.material.allowedActions.includes('version.add') && !data.material.withdrawnAt ? <NewVersion material={data.material} /> : null}
          <Stack gap="xs" component="ol" className={classes.list} data-testid="version-list">
            {data.versions.map((v, i) => (
              <li key={v.number}>
                <VersionRow version={v} latest={i === 0} />
              </li>
            ))}
          </Stack>
        </Stack>
      ) : null}
    </Drawer>
  );
}

function VersionRow({ version: v, latest }: { version: MaterialVersion; latest: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useViewerZone();
  const by = v.uploadedBy ? personNameParts(v.uploadedBy.names, v.uploadedBy.displayName, locale) : null;
  return (
    <div className={classes.version} data-testid="version-row" data-number={v.number}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div className={classes.versionText}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600}>
              {t('materials.versions.number', { number: v.number })}
            </Text>
            {latest ? (
              <Badge size="sm" variant="light" color="green" radius="sm" tt="none">
                {t('materials.versions.latest')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" className={classes.fileName} lang={textLang(v.fileName)}>
            {v.fileName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatBytes(v.size, locale)} · {MATERIAL_FILE_TYPES[v.type].label} · {by ? t('materials.uploadedBy', { date: formatDateTime(v.uploadedAt, locale, zone), name: by.local?.text ?? by.latin }) : t('materials.uploadedOn', { date: formatDateTime(v.uploadedAt, locale, zone) })}
          </Text>
          <Tooltip label={v.sha256} withArrow multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
            <Text size="xs" c="dimmed" tabIndex={0} className={classes.hash}>
              {t('materials.versions.fingerprint')} <Code fz="xs">{v.sha256.slice(0, 12)}…</Code>
            </Text>
          </Tooltip>
        </div>
        <Button component="a" href={v.downloadUrl} download={v.fileName} size="xs" variant={latest ? 'filled' : 'default'} className={classes.noShrink} aria-label={t('materials.downloadNamed', { file: `${v.fileName} (${t('materials.versions.number', { number: v.number })})` })} data-testid="version-download">
          {t('materials.download')}
        </Button>
      </Group>
    </div>
  );
}

function NewVersion({ material }: { material: MaterialView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { group, meeting } = useMeetingContext();
  const queryClient = useQueryClient();
  const csrf = useSession().data?.csrfToken ?? '';
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const send = async (file: File) => {
    setDone(null);
    const problem = precheck(file);
    if (problem) {
      setFailed(precheckMessage(t, problem, file));
      return;
    }
    setFailed(null);
    const form = new FormData();
    form.append('file', file, file.name);
    abort.current = new AbortController();
    setProgress({ loaded: 0, total: file.size });
    try {
      const saved = await uploadForm<{ material: MaterialView; version: MaterialVersion }>(`${materialsPath(group.slug, meeting.id)}/${encodeURIComponent(material.id)}/versions`, form, {
        csrfFallback: csrf,
        onProgress: setProgress,
        signal: abort.current.signal,
      });
      setDone(saved.version.number);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.versions(group.slug, meeting.id, material.id) }),
        queryClient.invalidateQueries({ queryKey: recordKeys.materials(group.slug, meeting.id) }),
      ]);
    } catch (err) {
      if (!isAbort(err)) setFailed(uploadErrorMessage(t, err, file));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const percent = progress && progress.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  return (
    <Stack gap="xs" component="section" aria-labelledby="new-version-title" data-testid="new-version">
      <div>
        <Title order={4} size="h5" id="new-version-title">
          {t('materials.versions.addTitle')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('materials.versions.addHint')}
        </Text>
      </div>
      <FileDrop onFile={(f) => void send(f)} disabled={progress !== null} compact testId="version-drop" />
      {progress ? (
        <Stack gap={4} data-testid="version-progress">
          <Group gap="sm" wrap="nowrap">
            <Progress value={percent} size="lg" radius="xl" animated={percent >= 100} style={{ flex: 1 }} aria-label={t('materials.upload.progressLabel')} />
            <Button variant="subtle" size="compact-xs" onClick={() => abort.current?.abort()}>
              {t('materials.upload.stop')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" role="status">
            {percent >= 100 ? t('materials.upload.checking') : t('materials.upload.progress', { percent, sent: formatBytes(progress.loaded, locale), total: formatBytes(progress.total, locale) })}
          </Text>
        </Stack>
      ) : null}
      {failed ? (
        <Alert color="red" variant="light" role="alert" data-testid="version-error">
          <Text size="sm">{failed}</Text>
        </Alert>
      ) : null}
      {done ? (
        <Alert color="green" variant="light" role="status" data-testid="version-done">
          <Text size="sm">{t('materials.versions.uploaded', { number: done })}</Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
