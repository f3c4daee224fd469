import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SilenceBreakKind } from '../../../core/consensus';
import { fromLocal, toLocal } from '../../../core/time';
import { deliberationMutations, refreshDeliberation, useMe, useSilence, type SilenceProcedureView } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useNow, useViewerZone } from '../../components/time/useViewerZone';
import { currentLocale } from '../../i18n';
import type { DeliberationProps } from './deliberation-shared';
import classes from './Deliberation.module.css';

/** "2 d 03:04:05" left until a deadline, ticking each second. */
function useRemaining(deadline: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, new Date(deadline).getTime() - now);
}

function formatRemaining(ms: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  const clock = `${hh}:${mm}:${ss}`;
  return d > 0 ? t('deliberation.silence.daysLeft', { count: d, clock }) : clock;
}

/** An instant in a zone, with the zone named (UTC+9, GMT-5…): a deadline must not be misread. */
function zoned(iso: string, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
  } catch {
    return new Date(iso).toISOString();
  }
}

/** The group's zone for a deadline: that of its meeting nearest to it, else UTC (as the server's mail does). */
function groupZoneNear(meetings: DeliberationProps['group']['meetings'], at: number): string {
  let best: { zone: string; gap: number } | null = null;
  for (const m of meetings) {
    if (!m.timeZone) continue;
    const gap = m.startsAt ? Math.abs(new Date(m.startsAt).getTime() - at) : Number.MAX_SAFE_INTEGER;
    if (!best || gap < best.gap) best = { zone: m.timeZone, gap };
  }
  return best?.zone ?? 'UTC';
}

/**
 * The silence procedure (#5 part 7): the co-chairs put the latest version under silence until a
 * deadline picked in the viewer's zone (shown also in UTC and the group's zone); everyone sees
 * the countdown and what broke it (who, which committee, why); a head breaks it with an
 * objection, a participant with an amendment.
 */
export function SilenceSection({ slug, draft, group, versionNumber }: DeliberationProps & { versionNumber: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const silence = useSilence(slug, draft.id);
  const canDecide = group.allowedActions.includes('drafts.decide');
  const isHead = group.delegations.some((d) => d.head?.id === me.id) && group.allowedActions.includes('drafts.position');
  const canAmend = group.allowedActions.includes('drafts.amend');
  const current = silence.data?.[0] ?? null;
  const running = current?.state === 'running' ? current : null;

  return (
    <Paper withBorder radius="md" p="md" data-testid="silence-section">
      <Stack gap="sm">
        <Title order={4}>{t('deliberation.silence.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('deliberation.silence.explain')}
        </Text>
        {silence.isError ? <ErrorAlert error={silence.error} onRetry={() => void silence.refetch()} /> : null}
        {current ? <Procedure procedure={current} lang={draft.lang} /> : silence.isSuccess ? <Text size="sm">{t('deliberation.silence.none')}</Text> : null}
        {running && (isHead || canAmend) ? <BreakForm slug={slug} draftId={draft.id} procedure={running} kinds={[...(isHead ? (['objection'] as const) : []), ...(canAmend ? (['amendment'] as const) : [])]} lang={draft.lang} /> : null}
        {canDecide && running ? <CancelButton slug={slug} draftId={draft.id} /> : null}
        {canDecide && !running ? <StartForm slug={slug} draftId={draft.id} versionNumber={versionNumber} meetings={group.meetings} /> : null}
      </Stack>
    </Paper>
  );
}

function Procedure({ procedure: p, lang }: { procedure: SilenceProcedureView; lang: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useViewerZone();
  const remaining = useRemaining(p.deadline);
  const color = p.state === 'running' ? 'blue' : p.state === 'broken' ? 'red' : p.state === 'adopted' ? 'green' : 'gray';
  return (
    <Stack gap={6} data-testid="silence-procedure" data-state={p.state}>
      <Group gap="xs" wrap="wrap">
        <Badge tt="none" color={color} variant="light" radius="sm" data-testid="silence-state">
          {t(`deliberation.silence.state.${p.state}`)}
        </Badge>
        <Text size="sm">{t('deliberation.silence.onVersion', { number: p.version })}</Text>
      </Group>
      <Text size="sm" data-testid="silence-deadline">
        {t('deliberation.silence.deadline')} <strong>{zoned(p.deadline, locale, zone)}</strong>
      </Text>
      <Text size="xs" c="dimmed" data-testid="silence-deadline-zones">
        {zoned(p.deadline, locale, 'UTC')}
        {p.groupTimeZone !== 'UTC' && p.groupTimeZone !== zone ? ` · ${t('deliberation.silence.groupZone', { time: zoned(p.deadline, locale, p.groupTimeZone), zone: p.groupTimeZone })}` : ''}
      </Text>
      {p.state === 'running' ? (
        <Text size="sm" role="timer" aria-live="off" data-testid="silence-countdown">
          {t('deliberation.silence.remaining')} <span className={classes.countdown}>{formatRemaining(remaining, t as never)}</span>
        </Text>
      ) : null}
      {p.breaks.length > 0 ? (
        <Stack gap={4} data-testid="silence-breaks">
          <Text size="sm" fw={600}>
            {t('deliberation.silence.breaks')}
          </Text>
          {p.breaks.map((b) => (
            <div key={b.id} className={classes.card} data-testid="silence-break" data-kind={b.kind}>
              <Text size="xs" c="dimmed">
                {t(`deliberation.silence.kind.${b.kind}`)} · {b.by?.displayName ?? '—'}
                {b.committee ? ` (${b.committee.name})` : ''} · {formatDateTime(b.at, locale, zone)}
              </Text>
              <Text size="sm" lang={lang} style={{ overflowWrap: 'anywhere' }}>
                {b.reason}
              </Text>
            </div>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function StartForm({ slug, draftId, versionNumber, meetings }: { slug: string; draftId: string; versionNumber: number; meetings: DeliberationProps['group']['meetings'] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useViewerZone();
  const queryClient = useQueryClient();
  const [local, setLocal] = useState(() => toLocal(Date.now() + 7 * 86_400_000, zone).slice(0, 16));
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const mountedAt = useNow();
  const read = fromLocal(local, zone);
  const instant = read.ok ? read.instant : null;
  const problem = !instant ? t('deliberation.silence.badTime') : instant.getTime() <= mountedAt ? t('deliberation.silence.pastTime') : null;
  const groupZone = instant ? groupZoneNear(meetings, instant.getTime()) : 'UTC';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || !instant) return;
    setPending(true);
    setFailed(null);
    try {
      await deliberationMutations.startSilence(slug, draftId, { version: versionNumber, deadline: instant.toISOString() });
      await refreshDeliberation(queryClient, slug, draftId);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="silence-start-form">
      <Stack gap="xs">
        <TextInput
          type="datetime-local"
          label={t('deliberation.silence.startLabel', { number: versionNumber })}
          description={t('deliberation.silence.inYourZone', { zone })}
          value={local}
          onChange={(e) => setLocal(e.currentTarget.value)}
          error={problem}
          data-testid="silence-deadline-input"
          maw={320}
        />
        {instant && !problem ? (
          <Text size="xs" c="dimmed" data-testid="silence-start-preview">
            {zoned(instant.toISOString(), locale, 'UTC')}
            {groupZone !== 'UTC' ? ` · ${t('deliberation.silence.groupZone', { time: zoned(instant.toISOString(), locale, groupZone), zone: groupZone })}` : ''}
          </Text>
        ) : null}
        {failed ? <ErrorAlert error={failed} /> : null}
        <Group>
          <Button type="submit" loading={pending} disabled={!!problem} data-testid="silence-start">
            {t('deliberation.silence.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BreakForm({ slug, draftId, procedure, kinds, lang }: { slug: string; draftId: string; procedure: SilenceProcedureView; kinds: SilenceBreakKind[]; lang: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<SilenceBreakKind>(kinds[0] ?? 'amendment');
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const problem = !reason.trim() ? t('deliberation.silence.reasonRequired') : null;
  if (!open)
    return (
      <Group>
        <Button variant="light" color="red" onClick={() => setOpen(true)} data-testid="silence-break-open">
          {t('deliberation.silence.break')}
        </Button>
      </Group>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    setPending(true);
    setFailed(null);
    try {
      await deliberationMutations.breakSilence(slug, draftId, { kind, reason: reason.trim(), version: procedure.version });
      await refreshDeliberation(queryClient, slug, draftId);
      setOpen(false);
      setReason('');
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="silence-break-form">
      <Stack gap="xs">
        {kinds.length > 1 ? <SegmentedControl value={kind} onChange={(v) => setKind(v as SilenceBreakKind)} data={kinds.map((k) => ({ value: k, label: t(`deliberation.silence.kind.${k}`) }))} /> : null}
        <Alert color="red" variant="light">
          {t(`deliberation.silence.breakHint.${kind}`)}
        </Alert>
        <Textarea label={t(`deliberation.silence.reasonLabel.${kind}`)} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} maxLength={4000} lang={lang} error={tried && problem} data-testid="silence-break-reason" />
        {failed ? <ErrorAlert error={failed} /> : null}
        <Group gap="sm">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={pending} data-testid="silence-break-send">
            {t('deliberation.silence.breakSend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelButton({ slug, draftId }: { slug: string; draftId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="default"
          loading={pending}
          onClick={() => {
            setPending(true);
            deliberationMutations
              .cancelSilence(slug, draftId)
              .then(() => refreshDeliberation(queryClient, slug, draftId))
              .catch(setFailed)
              .finally(() => setPending(false));
          }}
          data-testid="silence-cancel"
        >
          {t('deliberation.silence.cancel')}
        </Button>
      </Group>
      {failed ? <ErrorAlert error={failed} /> : null}
    </Stack>
  );
}
