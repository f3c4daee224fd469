import { Badge, Button, Group, Pagination, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { GROUP_ROLES, STUDY_GROUP_STATUSES } from '../../../core/roles';
import { useAudit, useSession, type AuditEvent, type AuditParams } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundView } from '../../components/NotFound';
import type { PersonNames } from '../../../core/people';
import { personNameParts } from '../../components/format';
import { currentLocale, intlLocale } from '../../i18n';
import { useGroupContext } from '../Group/context';
import classes from './Audit.module.css';
import { actionLabel, dataKeyLabel, fieldNameLabel } from './audit-words';

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readParams(search: URLSearchParams): AuditParams {
  const page = Number(search.get('page'));
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const actorId = search.get('actor') ?? '';
  return {
    action: search.get('action')?.trim() || undefined,
    actorId: UUID.test(actorId) ? actorId : undefined,
    from: DATE.test(from) ? from : undefined,
    to: DATE.test(to) ? to : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}


/** The group's audit trail: every change, who made it and when; for co-chairs and the secretariat. */
export function AuditScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const allowed = group.allowedActions.includes('audit.view');
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const audit = useAudit(group.slug, params, allowed);
  // People who may act here, to filter by; those who acted from outside (the Steering
  // Committee) join the list from the events themselves.
  const locale = currentLocale();

  if (!allowed) return <NotFoundView />;

  const update = (patch: Partial<Record<'action' | 'actor' | 'from' | 'to' | 'page', string | undefined>>) => {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  const data = audit.data;
  const people: People = new Map();
  // The trail names its own people (former members too), in every script they write.
  for (const p of data?.actors ?? []) people.set(p.id, { displayName: p.displayName, names: p.names });
  for (const e of data?.items ?? []) {
    if (e.actor) people.set(e.actor.id, { displayName: e.actor.displayName, names: e.actor.names });
    if (e.targetPerson) people.set(e.targetPerson.id, { displayName: e.targetPerson.displayName, names: e.targetPerson.names });
  }
  const nameOf = (id: string) => {
    const p = people.get(id);
    if (!p) return '';
    const parts = personNameParts(p.names, p.displayName, locale);
    return parts.local ? `${parts.local.text} (${parts.latin})` : parts.latin;
  };
  const actors = (data?.actors ?? []).map((p) => [p.id, nameOf(p.id)] as const).sort((a, b) => a[1].localeCompare(b[1], intlLocale(locale)));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const filtered = Boolean(params.action || params.actorId || params.from || params.to);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2} className={classes.title}>
          {t('audit.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={680}>
          {t('audit.intro')}
        </Text>
      </div>

      <Paper withBorder p="md" radius="md" component="form" role="search" onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Select
            label={t('audit.action')}
            data={[{ value: '', label: t('audit.allActions') }, ...(data?.actions ?? (params.action ? [params.action] : [])).map((a) => ({ value: a, label: actionLabel(t, a) }))]}
            value={params.action ?? ''}
            onChange={(v) => update({ action: v || undefined })}
            allowDeselect={false}
            searchable
            comboboxProps={{ shadow: 'md' }}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                {option.value ? (
                  <Text size="xs" c="dimmed" ff="monospace" lang="en">
                    {option.value}
                  </Text>
                ) : null}
              </Stack>
            )}
          />
          <Select
            label={t('audit.actor')}
            data={[{ value: '', label: t('audit.anyone') }, ...actors.map(([id, name]) => ({ value: id, label: name }))]}
            value={params.actorId ?? ''}
            onChange={(v) => update({ actor: v || undefined })}
            allowDeselect={false}
            searchable
            comboboxProps={{ shadow: 'md' }}
          />
          <TextInput type="date" label={t('audit.from')} value={params.from ?? ''} max={params.to} onChange={(e) => update({ from: e.currentTarget.value || undefined })} />
          <TextInput type="date" label={t('audit.to')} value={params.to ?? ''} min={params.from} onChange={(e) => update({ to: e.currentTarget.value || undefined })} />
        </SimpleGrid>
        {filtered ? (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={() => update({ action: undefined, actor: undefined, from: undefined, to: undefined })}>
              {t('groups.clearFilters')}
            </Button>
          </Group>
        ) : null}
      </Paper>

      {audit.isError ? <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} /> : null}
      {data && data.total > 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {t('groups.showing', { from: (data.page - 1) * data.pageSize + 1, to: Math.min(data.total, data.page * data.pageSize), total: data.total })}
        </Text>
      ) : null}

      {audit.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={52} radius="sm" />
          ))}
        </Stack>
      ) : data && data.items.length === 0 ? (
        <Paper withBorder radius="md" py="xl" px="md">
          <Text ta="center" fw={600}>
            {filtered ? t('audit.noMatches') : t('audit.empty')}
          </Text>
        </Paper>
      ) : data ? (
        <EventList events={data.items} people={people} groupId={group.id} busy={audit.isFetching} />
      ) : null}

      {data && pages > 1 ? (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('common.page', { page: data.page, pages })}
          </Text>
          <Pagination
            total={pages}
            value={Math.min(data.page, pages)}
            onChange={(page) => update({ page: page > 1 ? String(page) : undefined })}
            getControlProps={(control) => (control === 'previous' ? { 'aria-label': t('common.previous') } : control === 'next' ? { 'aria-label': t('common.next') } : {})}
            getItemProps={(page) => ({ 'aria-label': t('common.page', { page, pages }) })}
          />
        </Group>
      ) : null}
    </Stack>
  );
}

/** Events by day (in the reader's zone), newest first, each with its time, actor, words and data. */
function EventList({ events, people, groupId, busy }: { events: AuditEvent[]; people: People; groupId: string; busy: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useSession().data?.user?.timeZone ?? undefined;
  const dayFormat = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'full', ...(zone ? { timeZone: zone } : {}) });
  const timeFormat = new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) });
  const days: { day: string; events: AuditEvent[] }[] = [];
  for (const e of events) {
    const day = dayFormat.format(new Date(e.at));
    const last = days[days.length - 1];
    if (last && last.day === day) last.events.push(e);
    else days.push({ day, events: [e] });
  }
  return (
    <Stack gap="md" aria-busy={busy} data-testid="audit-list">
      {days.map(({ day, events: list }) => (
        <section key={day} aria-label={day}>
          <Text size="xs" fw={600} c="dimmed" className={classes.day}>
            {day}
          </Text>
          <Paper withBorder radius="md">
            <ol className={classes.events}>
              {list.map((e) => (
                <li key={e.id} className={classes.event}>
                  <time dateTime={e.at} className={classes.time} title={new Date(e.at).toISOString()}>
                    {timeFormat.format(new Date(e.at))}
                  </time>
                  <div className={classes.what}>
                    <Text size="sm">
                      <Text span fw={600} size="sm">
                        {e.actor ? <Name id={e.actor.id} fallback={e.actor.displayName} people={people} /> : t('audit.system')}
                      </Text>
                      <Text span c="dimmed" size="sm">
                        {' · '}
                      </Text>
                      <span>{actionLabel(t, e.action)}</span>
                      <Target event={e} people={people} groupId={groupId} />
                    </Text>
                    <EventData data={e.data} people={people} />
                  </div>
                </li>
              ))}
            </ol>
          </Paper>
        </section>
      ))}
    </Stack>
  );
}

/** Whom the change was about, when it is a person the trail can name. */
function Target({ event, people, groupId }: { event: AuditEvent; people: People; groupId: string }) {
  if (!event.targetId || event.targetId === groupId || event.targetId === event.actor?.id) return null;
  if (event.targetType !== 'user' || !people.has(event.targetId)) return null;
  return (
    <Text span size="sm" fw={550}>
      {' → '}
      <Name id={event.targetId} fallback="" people={people} />
    </Text>
  );
}

const SKIP = new Set(['userId', 'invitationId', 'from', 'to']);

/** People the trail can name, in the reader's script where the member list gives it. */
type People = Map<string, { displayName: string; names: PersonNames }>;

/** A person's name as the reader writes it, with the Latin name beside it when it differs. */
function Name({ id, fallback, people }: { id: string; fallback: string; people: People }) {
  const person = people.get(id);
  const parts = personNameParts(person?.names ?? {}, person?.displayName ?? fallback, currentLocale());
  return parts.local ? (
    <>
      <span lang={parts.local.lang}>{parts.local.text}</span>{' '}
      <Text span size="xs" c="dimmed" fw={400} lang="en">
        {parts.latin}
      </Text>
    </>
  ) : (
    <span lang="en">{parts.latin}</span>
  );
}

/** `data` in a line of small key–value pairs: roles and statuses in words, people by name. */
function EventData({ data, people }: { data: Record<string, unknown>; people: People }) {
  const { t } = useTranslation();
  // What did not happen says nothing: 'invitations withdrawn: 0' and 'removed: no' are left out.
  const entries = Object.entries(data).filter(([k, v]) => !SKIP.has(k) && v !== null && v !== undefined && v !== '' && !(k === 'invitationsRevoked' && v === 0) && v !== false);
  const status = (v: unknown) => (typeof v === 'string' && STUDY_GROUP_STATUSES.includes(v as never) ? t(`status.${v as (typeof STUDY_GROUP_STATUSES)[number]}`) : typeof v === 'string' ? v : null);
  // A change of status reads as one step: 'Approved → Active'.
  const change = status(data.from) || status(data.to) ? [status(data.from), status(data.to)].filter(Boolean).join(' → ') : null;
  if (!entries.length && !change) return null;
  const word = (key: string, value: unknown): string => {
    if (typeof value === 'string') {
      if (key === 'fields') return fieldNameLabel(t, value);
      if (GROUP_ROLES.includes(value as never)) return t(`roles.${value as (typeof GROUP_ROLES)[number]}`);
      if ((key === 'from' || key === 'to') && STUDY_GROUP_STATUSES.includes(value as never)) return t(`status.${value as (typeof STUDY_GROUP_STATUSES)[number]}`);
      if (UUID.test(value)) return people.get(value)?.displayName ?? `${value.slice(0, 8)}…`;
      return value.length > 140 ? `${value.slice(0, 139)}…` : value;
    }
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.map((v) => word(key, v)).join(', ');
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
  const label = (key: string) => dataKeyLabel(t, key);
  return (
    <dl className={classes.data}>
      {change ? (
        <div className={classes.pair}>
          <dt>{t('audit.fields.status')}</dt>
          <dd>{change}</dd>
        </div>
      ) : null}
      {entries.map(([k, v]) => (
        <div key={k} className={classes.pair}>
          <dt>{label(k)}</dt>
          {k === 'becauseLeft' ? null : (
            <dd>
              {k === 'email' ? (
                <span lang="en">{word(k, v)}</span>
              ) : typeof v === 'boolean' ? (
                <Badge size="xs" variant="light" color="gray" radius="sm" tt="none">
                  {word(k, v)}
                </Badge>
              ) : (
                word(k, v)
              )}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
