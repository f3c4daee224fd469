import { ActionIcon, Alert, Anchor, Button, Group, Modal, MultiSelect, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker } from 'react-router';
import type { Locale } from '../../../core/charter';
import type { CommitteeView } from '../../../core/council';
import { LIMITS } from '../../../core/limits';
import { ZProposalContent, type ProposalContent, type ProposalView } from '../../../core/proposals';
import { isApiError } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { languageName } from '../../components/format';
import { AlertIcon, InfoIcon } from '../../components/icons';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../../editor/icons';
import { RichTextEditor } from '../../editor/RichTextEditor';
import { currentLocale, LANGUAGE_NAMES, UI_LOCALES } from '../../i18n';
import classes from './Proposal.module.css';
import {
  contentFromForm,
  copyText,
  emptyDoc,
  emptyText,
  formPathOf,
  languagesWithErrors,
  objectiveLabel,
  rowId,
  TEXT_LIMITS,
  validateForm,
  type FormErrors,
  type FormProblem,
  type ItemRow,
  type ProposalForm as FormState,
  type TextForm,
} from './proposal-form';

interface Props {
  initial: FormState;
  committees: CommitteeView[];
  /** The committees this person may propose for; null when they may choose any. */
  proposingChoices: string[] | null;
  /** The version being edited (sent as baseVersion), or null for a new proposal. */
  baseVersion: number | null;
  /** Sends the content; `baseVersion` is the version this form last loaded or saved. */
  save: (content: ProposalContent, note: string, baseVersion: number | null) => Promise<ProposalView>;
  onSaved: (view: ProposalView) => void;
  /** Loads the latest saved version, dropping what is in the form. */
  onReload?: () => void;
  /** Where "view the proposal" leads, once there is one. */
  proposalHref?: string;
  /** The level of the form's section headings under the page's own. */
  headingOrder: 2 | 3;
}

const SECTION_IDS = ['text', 'term', 'meetings'] as const;

/** The proposal in the seed's own sections, one language at a time, and what it asks for. */
export function ProposalForm({ initial, committees, proposingChoices, baseVersion, save, onSaved, onReload, proposalHref, headingOrder }: Props) {
  const { t } = useTranslation();
  const ui = currentLocale();
  const [form, setForm] = useState<FormState>(initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(contentFromForm(initial)));
  const [lang, setLang] = useState<Locale>(() => (initial.texts[ui] ? ui : initial.authoritative));
  const [note, setNote] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [version, setVersion] = useState(baseVersion);
  const [removing, setRemoving] = useState<Locale | null>(null);
  const leaving = useRef(false);

  const content = useMemo(() => contentFromForm(form), [form]);
  const dirty = JSON.stringify(content) !== baseline;
  const ownErrors = useMemo(() => (showErrors ? validateForm(form) : {}), [form, showErrors]);
  const errors: FormErrors = { ...serverErrors, ...ownErrors };
  const problem = (path: string) => {
    const p = errors[path];
    return p ? t(`proposal.form.problems.${p}` as `proposal.form.problems.${FormProblem}`) : undefined;
  };

  const mutation = useMutation({
    mutationFn: () => save(content, note.trim(), version),
    onSuccess: (view) => {
      setBaseline(JSON.stringify(content));
      setSavedVersion(view.current.number);
      setVersion(view.current.number);
      setNote('');
      // What is in the form is saved: moving on (to the new draft's address) needs no question.
      leaving.current = true;
      onSaved(view);
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'validation.failed') {
        const mapped: FormErrors = {};
        for (const fe of err.fieldErrors) {
          const path = formPathOf(fe.path);
          if (path) mapped[path] = 'invalid';
        }
        setServerErrors(mapped);
      }
    },
  });

  // Leaving with unsaved changes asks first (in the app and when closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !leaving.current && !mutation.isPending && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edited = () => {
    leaving.current = false;
    setServerErrors({});
    setSavedVersion(null);
    if (mutation.isError) mutation.reset();
  };
  const update = (patch: Partial<FormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    edited();
  };
  const text = form.texts[lang];
  const updateText = (patch: Partial<TextForm>) => {
    setForm((f) => {
      const current = f.texts[lang];
      return current ? { ...f, texts: { ...f.texts, [lang]: { ...current, ...patch } } } : f;
    });
    edited();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    const found = validateForm(form);
    if (Object.keys(found).length) {
      const langs = languagesWithErrors(found);
      if (langs.length && !langs.includes(lang) && Object.keys(found).every((k) => k.startsWith('texts.'))) setLang(langs[0] as Locale);
      return;
    }
    // The API's own schema, as a last check: what it would refuse is shown at its field.
    const parsed = ZProposalContent.safeParse(content);
    if (!parsed.success) {
      const mapped: FormErrors = {};
      for (const issue of parsed.error.issues) {
        const path = formPathOf(issue.path.join('.'));
        if (path) mapped[path] = 'invalid';
      }
      if (Object.keys(mapped).length) {
        setServerErrors(mapped);
        return;
      }
    }
    mutation.mutate();
  };

  const committeeOptions = committees
    .filter((c) => c.membershipType !== null || form.coChairCommitteeIds.includes(c.id) || form.proposingCommitteeId === c.id || form.plannedMeetings.some((m) => m.hostCommitteeId === c.id))
    .map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  const proposingOptions = proposingChoices ? committeeOptions.filter((o) => proposingChoices.includes(o.value)) : committeeOptions;

  const errorLangs = languagesWithErrors(errors).filter((l) => l !== lang);
  const conflict = mutation.error && isApiError(mutation.error) && mutation.error.code === 'resource.version_conflict' ? mutation.error : null;
  const notEditable = mutation.error && isApiError(mutation.error) && mutation.error.code === 'proposal.not_editable';
  const hasErrors = Object.keys(errors).length > 0;

  const langLabel = (l: Locale) => (
    <Group gap={5} wrap="nowrap" justify="center">
      <span lang={l}>{LANGUAGE_NAMES[l]}</span>
      {l === form.authoritative ? (
        <Text component="span" size="xs" c="gold" aria-hidden="true" className={classes.authMark}>
          ★
        </Text>
      ) : form.texts[l] ? (
        <span className={classes.hasText} aria-hidden="true" />
      ) : null}
    </Group>
  );

  // The legend names the authoritative text; a translation gets its own line, with what can be done with it.
  const languageActions = text && lang !== form.authoritative ? (
    <Group gap="xs" justify="space-between" wrap="wrap" className={classes.langBar}>
      <Text size="sm" c="dimmed">
        {lang === form.authoritative ? t('proposal.form.isAuthoritative', { language: languageName(lang, ui) }) : t('proposal.form.isTranslation', { language: languageName(lang, ui), authoritative: languageName(form.authoritative, ui) })}
      </Text>
      {lang !== form.authoritative ? (
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={() => update({ authoritative: lang })}>
            {t('proposal.form.makeAuthoritative')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(lang)}>
            {t('proposal.form.removeTranslation')}
          </Button>
        </Group>
      ) : null}
    </Group>
  ) : null;

  return (
    <form onSubmit={submit} noValidate aria-describedby={hasErrors ? 'proposal-form-errors' : undefined}>
      <div className={classes.editorLayout}>
        <nav aria-label={t('group.contents')} className={classes.toc}>
          <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} mb="xs">
            {t('group.contents')}
          </Text>
          <ul>
            {SECTION_IDS.map((id) => (
              <li key={id}>
                <a href={`#proposal-${id}`}>{t(`proposal.form.sections.${id}`)}</a>
              </li>
            ))}
          </ul>
        </nav>

        <Stack gap="xl" className={classes.editorBody}>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" id="proposal-text" aria-labelledby="proposal-text-title" className={classes.anchor}>
            <Stack gap="md">
              <div>
                <Title order={headingOrder} size="h3" id="proposal-text-title">
                  {t('proposal.form.sections.text')}
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('proposal.form.textIntro')}
                </Text>
              </div>
              <SegmentedControl
                fullWidth
                value={lang}
                onChange={(v) => setLang(v as Locale)}
                aria-label={t('proposal.form.language')}
                data-testid="proposal-language"
                data={UI_LOCALES.map((l) => ({ value: l, label: langLabel(l) }))}
              />
              <Text size="xs" c="dimmed" mt={-8}>
                <span className={classes.authMarkInline} aria-hidden="true">
                  ★
                </span>{' '}
                {t('proposal.form.legend', { language: languageName(form.authoritative, ui) })}
              </Text>
              {errorLangs.length ? (
                <Alert color="red" variant="light" icon={<AlertIcon />} p="xs">
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm">{t('proposal.form.otherLanguageErrors')}</Text>
                    {errorLangs.map((l) => (
                      <Button key={l} size="compact-xs" variant="white" color="red" onClick={() => setLang(l)} lang={l}>
                        {LANGUAGE_NAMES[l]}
                      </Button>
                    ))}
                  </Group>
                </Alert>
              ) : null}
              {languageActions}
              {text ? (
                <TextFields key={lang} lang={lang} text={text} update={updateText} problem={problem} />
              ) : (
                <Paper radius="md" p="lg" className={classes.noText}>
                  <Stack gap="sm" align="flex-start">
                    <Text size="sm">{t('proposal.form.noText', { language: languageName(lang, ui) })}</Text>
                    <Group gap="sm">
                      {form.texts[form.authoritative] ? (
                        <Button
                          variant="light"
                          onClick={() => {
                            const source = form.texts[form.authoritative];
                            if (source) update({ texts: { ...form.texts, [lang]: copyText(source) } });
                          }}
                        >
                          {t('proposal.form.startFrom', { language: languageName(form.authoritative, ui) })}
                        </Button>
                      ) : null}
                      <Button variant="default" onClick={() => update({ texts: { ...form.texts, [lang]: emptyText() } })}>
                        {t('proposal.form.startEmpty')}
                      </Button>
                    </Group>
                  </Stack>
                </Paper>
              )}
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" id="proposal-term" aria-labelledby="proposal-term-title" className={classes.anchor}>
            <Stack gap="md">
              <Title order={headingOrder} size="h3" id="proposal-term-title">
                {t('proposal.form.sections.term')}
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <TextInput type="date" label={t('proposal.form.termStart')} required value={form.termStart} onChange={(e) => update({ termStart: e.currentTarget.value })} error={problem('termStart')} data-testid="term-start" />
                <TextInput type="date" label={t('proposal.form.termEnd')} required value={form.termEnd} min={form.termStart || undefined} onChange={(e) => update({ termEnd: e.currentTarget.value })} error={problem('termEnd')} data-testid="term-end" />
              </SimpleGrid>
              <Select
                label={t('proposal.form.proposingCommittee')}
                description={proposingChoices ? t('proposal.form.proposingHint') : undefined}
                required
                searchable
                data={proposingOptions}
                value={form.proposingCommitteeId}
                onChange={(v) => update({ proposingCommitteeId: v })}
                error={problem('proposingCommitteeId')}
                comboboxProps={{ shadow: 'md' }}
                lang="en"
                nothingFoundMessage={t('proposal.form.noCommittee')}
                data-testid="proposing-committee"
              />
              <MultiSelect
                label={t('proposal.form.coChairCommittees')}
                description={t('proposal.form.coChairHint')}
                required
                searchable
                hidePickedOptions
                maxValues={LIMITS.coChairCommitteesMax}
                data={committeeOptions}
                value={form.coChairCommitteeIds}
                onChange={(v) => update({ coChairCommitteeIds: v })}
                error={problem('coChairCommitteeIds')}
                comboboxProps={{ shadow: 'md' }}
                nothingFoundMessage={t('proposal.form.noCommittee')}
                data-testid="co-chair-committees"
              />
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" id="proposal-meetings" aria-labelledby="proposal-meetings-title" className={classes.anchor}>
            <Stack gap="md">
              <div>
                <Title order={headingOrder} size="h3" id="proposal-meetings-title">
                  {t('proposal.form.sections.meetings')}
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('proposal.form.meetingsIntro')}
                </Text>
              </div>
              {form.plannedMeetings.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('proposal.form.noMeetings')}
                </Text>
              ) : (
                <Stack gap="sm" component="ol" className={classes.rows}>
                  {form.plannedMeetings.map((m, i) => (
                    <li key={m.id} className={classes.meetingRow}>
                      <Text fw={600} size="sm" className={classes.rowLabel} aria-hidden="true">
                        {i + 1}
                      </Text>
                      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" className={classes.rowFields}>
                        <Select
                          label={t('proposal.form.host', { number: i + 1 })}
                          placeholder={t('proposal.form.hostUndecided')}
                          clearable
                          searchable
                          data={committeeOptions}
                          value={m.hostCommitteeId}
                          onChange={(v) => update({ plannedMeetings: form.plannedMeetings.map((x) => (x.id === m.id ? { ...x, hostCommitteeId: v } : x)) })}
                          comboboxProps={{ shadow: 'md' }}
                        />
                        <TextInput
                          label={t('proposal.form.city')}
                          maxLength={TEXT_LIMITS.city}
                          value={m.city}
                          onChange={(e) => {
                            const city = e.currentTarget.value;
                            update({ plannedMeetings: form.plannedMeetings.map((x) => (x.id === m.id ? { ...x, city } : x)) });
                          }}
                        />
                        <TextInput
                          type="month"
                          label={t('proposal.form.month')}
                          placeholder="YYYY-MM"
                          value={m.plannedMonth}
                          onChange={(e) => {
                            const plannedMonth = e.currentTarget.value;
                            update({ plannedMeetings: form.plannedMeetings.map((x) => (x.id === m.id ? { ...x, plannedMonth } : x)) });
                          }}
                          error={problem(`plannedMeetings.${i}.plannedMonth`)}
                        />
                      </SimpleGrid>
                      <RowControls
                        index={i}
                        count={form.plannedMeetings.length}
                        label={t('proposal.form.meetingN', { number: i + 1 })}
                        onMove={(to) => update({ plannedMeetings: move(form.plannedMeetings, i, to) })}
                        onRemove={() => update({ plannedMeetings: form.plannedMeetings.filter((x) => x.id !== m.id) })}
                      />
                    </li>
                  ))}
                </Stack>
              )}
              <div>
                <Button
                  variant="light"
                  leftSection={<PlusIcon />}
                  disabled={form.plannedMeetings.length >= LIMITS.plannedMeetingsMax}
                  onClick={() => update({ plannedMeetings: [...form.plannedMeetings, { id: rowId(), hostCommitteeId: null, city: '', plannedMonth: '' }] })}
                >
                  {t('proposal.form.addMeeting')}
                </Button>
              </div>
            </Stack>
          </Paper>
        </Stack>
      </div>

      <div className={classes.saveBar}>
        <Stack gap="xs" className={classes.saveInner}>
          {hasErrors && showErrors ? (
            <Text id="proposal-form-errors" size="sm" c="red.7" role="alert">
              {t('proposal.form.fixErrors')}
            </Text>
          ) : null}
          {conflict ? (
            <Alert color="orange" variant="light" icon={<AlertIcon />} title={t('proposal.form.conflictTitle')} role="alert">
              <Stack gap="xs">
                <Text size="sm">{t('proposal.form.conflictBody', { latest: Number(conflict.problem.latestVersion ?? 0), base: version ?? 0 })}</Text>
                <Group gap="xs">
                  {onReload ? (
                    <Button size="xs" color="orange" onClick={onReload}>
                      {t('proposal.form.loadLatest', { number: Number(conflict.problem.latestVersion ?? 0) })}
                    </Button>
                  ) : null}
                  {proposalHref ? (
                    <Anchor component={Link} to={`${proposalHref}/versions/${Number(conflict.problem.latestVersion ?? 0)}`} target="_blank" size="sm">
                      {t('proposal.form.openLatest')}
                    </Anchor>
                  ) : null}
                </Group>
              </Stack>
            </Alert>
          ) : notEditable ? (
            <Alert color="orange" variant="light" icon={<AlertIcon />} role="alert">
              <Group gap="xs" justify="space-between">
                <Text size="sm">{t('errors.proposal.not_editable')}</Text>
                {proposalHref ? (
                  <Anchor component={Link} to={proposalHref} size="sm">
                    {t('proposal.form.viewProposal')}
                  </Anchor>
                ) : null}
              </Group>
            </Alert>
          ) : mutation.isError ? (
            <ErrorAlert error={mutation.error} />
          ) : null}
          <Group gap="sm" align="flex-end" wrap="wrap" justify="space-between">
            <TextInput
              label={t('proposal.form.note')}
              placeholder={t('proposal.form.notePlaceholder')}
              maxLength={TEXT_LIMITS.note}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              className={classes.noteInput}
              data-testid="version-note"
            />
            <Group gap="sm" wrap="wrap" justify="flex-end">
              {savedVersion && !dirty ? (
                <Text size="sm" c="teal.8" role="status" data-testid="saved-status">
                  {t('proposal.form.savedAs', { number: savedVersion })}
                </Text>
              ) : dirty ? (
                <Text size="sm" c="dimmed" role="status">
                  {t('proposal.form.unsaved')}
                </Text>
              ) : null}
              {proposalHref && !dirty ? (
                <Button component={Link} to={proposalHref} variant="default">
                  {t('proposal.form.viewProposal')}
                </Button>
              ) : null}
              <Button type="submit" loading={mutation.isPending} disabled={!dirty && version !== null} data-testid="save-proposal">
                {version === null ? t('proposal.form.saveFirst') : t('proposal.form.saveAs', { number: version + 1 })}
              </Button>
            </Group>
          </Group>
        </Stack>
      </div>

      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('proposal.form.removeTranslationTitle', { language: removing ? languageName(removing, ui) : '' })}
        message={t('proposal.form.removeTranslationBody')}
        confirmLabel={t('proposal.form.removeTranslation')}
        onConfirm={async () => {
          if (!removing) return;
          const texts = { ...form.texts };
          delete texts[removing];
          update({ texts });
        }}
      />
      <LeaveModal opened={blocker.state === 'blocked'} onStay={() => blocker.reset?.()} onLeave={() => blocker.proceed?.()} />
    </form>
  );
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function LeaveModal({ opened, onStay, onLeave }: { opened: boolean; onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onStay} title={<Text fw={600}>{t('proposal.form.leaveTitle')}</Text>} centered radius="md">
      <Stack gap="md">
        <Text size="sm">{t('proposal.form.leaveBody')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onStay} data-autofocus>
            {t('proposal.form.stay')}
          </Button>
          <Button color="red" onClick={onLeave}>
            {t('proposal.form.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RowControls({ index, count, label, onMove, onRemove }: { index: number; count: number; label: string; onMove: (to: number) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap" className={classes.rowControls}>
      <Tooltip label={t('proposal.form.moveUp')} withArrow openDelay={400}>
        <ActionIcon variant="subtle" color="gray" aria-label={`${t('proposal.form.moveUp')}: ${label}`} disabled={index === 0} onClick={() => onMove(index - 1)}>
          <ArrowUpIcon />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('proposal.form.moveDown')} withArrow openDelay={400}>
        <ActionIcon variant="subtle" color="gray" aria-label={`${t('proposal.form.moveDown')}: ${label}`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          <ArrowDownIcon />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('proposal.form.remove')} withArrow openDelay={400}>
        <ActionIcon variant="subtle" color="red" aria-label={`${t('proposal.form.remove')}: ${label}`} onClick={onRemove}>
          <TrashIcon />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function SectionHeading({ children, hint }: { children: ReactNode; hint?: string }) {
  return (
    <div className={classes.fieldHeading}>
      <Text fw={600} size="sm">
        {children}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </div>
  );
}

interface TextFieldsProps {
  lang: Locale;
  text: TextForm;
  update: (patch: Partial<TextForm>) => void;
  problem: (path: string) => string | undefined;
}

/** One language's text, in the order of a study-group proposal. Labels are in the UI language. */
function TextFields({ lang, text, update, problem }: TextFieldsProps) {
  const { t } = useTranslation();
  const p = (field: string) => problem(`texts.${lang}.${field}`);
  const itemList = (field: 'objectives' | 'keyQuestions', max: number, marker: (i: number) => string, addLabel: string, itemLabel: (i: number) => string) => {
    const rows: ItemRow[] = text[field];
    return (
      <Stack gap="xs">
        {rows.length ? (
          <Stack gap="xs" component="ol" className={classes.rows}>
            {rows.map((row, i) => (
              <li key={row.id} className={classes.itemRow}>
                <Text fw={600} size="sm" c="navy.7" className={classes.rowLabel} aria-hidden="true">
                  {marker(i)}
                </Text>
                <Textarea
                  aria-label={itemLabel(i)}
                  autosize
                  minRows={1}
                  maxRows={8}
                  lang={lang}
                  maxLength={TEXT_LIMITS.item}
                  value={row.text}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    update({ [field]: rows.map((r) => (r.id === row.id ? { ...r, text: value } : r)) });
                  }}
                  error={p(`${field}.${i}`)}
                  className={classes.rowFields}
                  data-testid={`${field}-${i}`}
                />
                <RowControls index={i} count={rows.length} label={itemLabel(i)} onMove={(to) => update({ [field]: move(rows, i, to) })} onRemove={() => update({ [field]: rows.filter((r) => r.id !== row.id) })} />
              </li>
            ))}
          </Stack>
        ) : null}
        <div>
          <Button variant="light" size="xs" leftSection={<PlusIcon size={14} />} disabled={rows.length >= max} onClick={() => update({ [field]: [...rows, { id: rowId(), text: '' }] })} data-testid={`add-${field}`}>
            {addLabel}
          </Button>
        </div>
      </Stack>
    );
  };

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput
          label={t('proposal.form.title')}
          required
          lang={lang}
          maxLength={TEXT_LIMITS.title}
          value={text.title}
          onChange={(e) => update({ title: e.currentTarget.value })}
          error={p('title')}
          className={classes.spanTwo}
          data-testid="proposal-title"
        />
        <TextInput
          label={t('proposal.form.shortTitle')}
          description={t('proposal.form.shortTitleHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          required
          lang={lang}
          maxLength={TEXT_LIMITS.shortTitle}
          value={text.shortTitle}
          onChange={(e) => update({ shortTitle: e.currentTarget.value })}
          error={p('shortTitle')}
          data-testid="proposal-short-title"
        />
      </SimpleGrid>

      <RichTextEditor label={t('group.sections.introduction')} lang={lang} value={text.introduction} onChange={(introduction) => update({ introduction })} data-testid="rte-introduction" />

      <Stack gap="xs">
        <SectionHeading hint={t('proposal.form.principlesHint')}>{t('group.sections.principles')}</SectionHeading>
        {text.principles.map((pr, i) => (
          <Paper key={pr.id} withBorder radius="sm" p="sm" className={classes.principle}>
            <Stack gap="xs">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('proposal.form.principleName', { number: i + 1 })}
                  required
                  lang={lang}
                  maxLength={TEXT_LIMITS.principleName}
                  value={pr.name}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    update({ principles: text.principles.map((x) => (x.id === pr.id ? { ...x, name } : x)) });
                  }}
                  error={p(`principles.${i}.name`)}
                  className={classes.grow}
                  data-testid={`principle-name-${i}`}
                />
                <RowControls
                  index={i}
                  count={text.principles.length}
                  label={pr.name || t('proposal.form.principleName', { number: i + 1 })}
                  onMove={(to) => update({ principles: move(text.principles, i, to) })}
                  onRemove={() => update({ principles: text.principles.filter((x) => x.id !== pr.id) })}
                />
              </Group>
              <RichTextEditor
                label={t('proposal.form.principleText', { name: pr.name || i + 1 })}
                lang={lang}
                value={pr.text}
                onChange={(doc) => update({ principles: text.principles.map((x) => (x.id === pr.id ? { ...x, text: doc } : x)) })}
                data-testid={`rte-principle-${i}`}
              />
            </Stack>
          </Paper>
        ))}
        <div>
          <Button
            variant="light"
            size="xs"
            leftSection={<PlusIcon size={14} />}
            disabled={text.principles.length >= TEXT_LIMITS.principles}
            onClick={() => update({ principles: [...text.principles, { id: rowId(), key: '', name: '', text: emptyDoc() }] })}
            data-testid="add-principle"
          >
            {t('proposal.form.addPrinciple')}
          </Button>
        </div>
      </Stack>

      <RichTextEditor label={t('group.sections.format')} lang={lang} value={text.format} onChange={(format) => update({ format })} data-testid="rte-format" />

      <Stack gap="xs">
        <SectionHeading hint={t('proposal.form.objectivesHint')}>{t('group.sections.objectives')}</SectionHeading>
        {itemList('objectives', TEXT_LIMITS.objectives, (i) => `(${objectiveLabel(i)})`, t('proposal.form.addObjective'), (i) => t('proposal.form.objectiveN', { label: objectiveLabel(i) }))}
      </Stack>

      <RichTextEditor label={t('group.sections.anticipatedOutput')} lang={lang} value={text.anticipatedOutput} onChange={(anticipatedOutput) => update({ anticipatedOutput })} data-testid="rte-anticipatedOutput" />
      <RichTextEditor label={t('group.sections.differsFromPrevious')} lang={lang} value={text.differsFromPrevious} onChange={(differsFromPrevious) => update({ differsFromPrevious })} data-testid="rte-differsFromPrevious" />

      <Stack gap="xs">
        <SectionHeading hint={t('proposal.form.keyQuestionsHint')}>{t('group.sections.keyQuestions')}</SectionHeading>
        {itemList('keyQuestions', TEXT_LIMITS.keyQuestions, (i) => `${i + 1})`, t('proposal.form.addKeyQuestion'), (i) => t('proposal.form.keyQuestionN', { number: i + 1 }))}
      </Stack>
      <Alert variant="light" color="gray" icon={<InfoIcon />} p="xs">
        <Text size="xs">{t('proposal.form.formattingHint')}</Text>
      </Alert>
    </Stack>
  );
}
