import { Alert, Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_KINDS, type MaterialKind } from '../../../../core/meetings';
import { MATERIAL_FILE_TYPES, MATERIAL_TITLE_MAX, type MaterialView } from '../../../../core/materials';
import { isApiError } from '../../../api/client';
import { materialsPath, recordKeys, useSession } from '../../../api/queries';
import { personNameParts } from '../../../components/format';
import { formatDayTime } from '../../../components/time/format';
import { currentLocale } from '../../../i18n';
import { groupPeople, useMeetingContext } from '../context';
import { precheckMessage, uploadErrorMessage } from './errors';
import { FileDrop } from './FileDrop';
import classes from './Materials.module.css';
import { formatBytes, guessKind, guessType, isAbort, precheck, titleFromFileName, uploadForm, type Progress as UploadProgress } from './upload';

/**
 * Uploading a material: a file dropped or chosen (checked for size before anything is sent),
 * its title (suggested from the file's name), kind, author (a member, named only with their
 * consent) and session; the bytes go up with a progress bar and can be stopped.
 */
export function UploadPanel({ onUploaded }: { onUploaded: (m: MaterialView) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { group, meeting } = useMeetingContext();
  const queryClient = useQueryClient();
  const csrf = useSession().data?.csrfToken ?? '';
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MaterialKind>('paper');
  const [authorId, setAuthorId] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const uploading = progress !== null;

  const people = groupPeople(group).map((p) => {
    const parts = personNameParts(p.names, p.displayName, locale);
    return { value: p.id, label: parts.local ? `${parts.local.text} (${parts.latin})` : parts.latin };
  });
  // Each session by its day and time in the meeting's zone, as the timetable shows it.
  const sessions = meeting.sessions.map((s) => ({ value: s.id, label: `${formatDayTime(s.start.instant, meeting.timeZone ?? 'UTC', locale)} · ${s.title}` }));

  const choose = (f: File) => {
    setFailed(null);
    const problem = precheck(f);
    if (problem) {
      setRefusal(precheckMessage(t, problem, f));
      setFile(null);
      return;
    }
    setRefusal(null);
    setFile(f);
    if (!title.trim()) setTitle(titleFromFileName(f.name).slice(0, MATERIAL_TITLE_MAX));
    setKind(guessKind(f));
  };

  const reset = () => {
    setFile(null);
    setTitle('');
    setKind('paper');
    setAuthorId(null);
    setSessionId(null);
    setTried(false);
    setFailed(null);
    setRefusal(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!file || !title.trim() || uploading) return;
    const form = new FormData();
    // The text fields first: the server reads the parts in order.
    form.append('title', title.trim());
    form.append('kind', kind);
    if (authorId) form.append('authorId', authorId);
    if (sessionId) form.append('sessionId', sessionId);
    form.append('file', file, file.name);
    abort.current = new AbortController();
    setFailed(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const created = await uploadForm<MaterialView>(materialsPath(group.slug, meeting.id), form, { csrfFallback: csrf, onProgress: setProgress, signal: abort.current.signal });
      await queryClient.invalidateQueries({ queryKey: recordKeys.materials(group.slug, meeting.id) });
      reset();
      onUploaded(created);
    } catch (err) {
      if (!isAbort(err)) setFailed(err);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const fieldError = (field: string) => (isApiError(failed) ? failed.fieldErrors.find((f) => f.path === `body.${field}`) : undefined);
  const titleError = (tried && !title.trim() ? t('materials.upload.titleRequired') : null) ?? (fieldError('title') ? t('materials.upload.titleRequired') : null);
  const authorError = isApiError(failed) && failed.code === 'material.author_not_member' ? t('errors.material.author_not_member') : null;
  const sessionError = isApiError(failed) && failed.code === 'material.session_unknown' ? t('errors.material.session_unknown') : null;
  const generalError = failed && !authorError && !sessionError ? uploadErrorMessage(t, failed, file) : null;
  const percent = progress && progress.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  const type = file ? guessType(file) : null;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="upload-title" data-testid="upload-panel">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={4} id="upload-title" className={classes.panelTitle}>
            {t('materials.upload.title')}
          </Title>
          {!file ? (
            <FileDrop onFile={choose} disabled={uploading} testId="material-drop" />
          ) : (
            <Group justify="space-between" gap="xs" wrap="wrap" className={classes.chosen} data-testid="chosen-file">
              <div className={classes.chosenText}>
                <Text size="sm" fw={600} className={classes.fileName}>
                  {file.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {[formatBytes(file.size, locale), type ? MATERIAL_FILE_TYPES[type].label : null].filter(Boolean).join(' · ')}
                </Text>
              </div>
              <Button variant="subtle" size="compact-sm" onClick={() => setFile(null)} disabled={uploading}>
                {t('materials.upload.change')}
              </Button>
            </Group>
          )}
          {refusal ? (
            <Alert color="red" variant="light" role="alert" data-testid="upload-error">
              <Text size="sm">{refusal}</Text>
            </Alert>
          ) : null}
          {file ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('materials.upload.fieldTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={MATERIAL_TITLE_MAX} error={titleError} disabled={uploading} data-testid="material-title" />
                <Select
                  label={t('materials.upload.fieldKind')}
                  data={MATERIAL_KINDS.map((k) => ({ value: k, label: t(`materials.kind.${k}`) }))}
                  value={kind}
                  onChange={(v) => setKind((v as MaterialKind | null) ?? 'paper')}
                  allowDeselect={false}
                  disabled={uploading}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="material-kind"
                />
                <Select
                  label={t('materials.upload.fieldAuthor')}
                  description={t('materials.upload.authorHint')}
                  placeholder={t('materials.upload.authorNone')}
                  data={people}
                  value={authorId}
                  onChange={setAuthorId}
                  searchable
                  clearable
                  disabled={uploading}
                  error={authorError}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="material-author"
                />
                <Select
                  label={t('materials.upload.fieldSession')}
                  description={t('materials.upload.sessionHint')}
                  placeholder={t('materials.upload.sessionNone')}
                  data={sessions}
                  value={sessionId}
                  onChange={setSessionId}
                  searchable
                  clearable
                  disabled={uploading || sessions.length === 0}
                  error={sessionError}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="material-session"
                />
              </SimpleGrid>
              {uploading ? (
                <Stack gap={4} data-testid="upload-progress">
                  <Progress value={percent} size="lg" radius="xl" animated={percent >= 100} aria-label={t('materials.upload.progressLabel')} />
                  <Text size="xs" c="dimmed" role="status">
                    {percent >= 100 ? t('materials.upload.checking') : t('materials.upload.progress', { percent, sent: formatBytes(progress.loaded, locale), total: formatBytes(progress.total, locale) })}
                  </Text>
                </Stack>
              ) : null}
              {generalError ? (
                <Alert color="red" variant="light" role="alert" data-testid="upload-error">
                  <Text size="sm">{generalError}</Text>
                </Alert>
              ) : null}
              <Group justify="flex-end" gap="sm">
                {uploading ? (
                  <Button variant="default" onClick={() => abort.current?.abort()} data-testid="upload-stop">
                    {t('materials.upload.stop')}
                  </Button>
                ) : (
                  <Button variant="default" onClick={reset}>
                    {t('common.cancel')}
                  </Button>
                )}
                <Button type="submit" loading={uploading} data-testid="material-upload">
                  {t('materials.upload.submit')}
                </Button>
              </Group>
            </>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
