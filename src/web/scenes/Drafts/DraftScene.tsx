import type { HocuspocusProvider } from '@hocuspocus/provider';
import { ActionIcon, Alert, Button, Group, Modal, Skeleton, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEditorState } from '@tiptap/react';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EDITABLE_DRAFT_STATUSES, type DeliberationTopic, type DraftView } from '../../../core/drafts';
import { isApiError } from '../../api/client';
import { draftKeys, draftMutations, refreshDeliberationTopics, refreshDraft, useDraft, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { languageName } from '../../components/format';
import { NotFoundView } from '../../components/NotFound';
import { useDocumentTitle } from '../../components/PageTitle';
import { initials, userColor, type CollabUser } from '../../editor/collab-user';
import { DraftEditorView, useDraftEditor } from '../../editor/DraftEditor';
import { numberedBlocksOfDoc } from '../../editor/draft-blocks';
import { LineNumberedText } from '../../editor/LineNumberedText';
import { DRAFT_LINE_WIDTH } from '../../editor/line-view';
import { useCollabProvider, usePresence, type CollabState } from '../../editor/useCollabProvider';
import { currentLocale } from '../../i18n';
import { useGroupContext } from '../Group/context';
import { caretPlace } from '../../editor/DraftHighlight';
import { DeliberationPanel } from './DeliberationPanel';
import { DraftStatusBadge } from './DraftStatusBadge';
import classes from './Drafts.module.css';

/**
 * One draft, live (#5 parts 1, 2, 8): the text as everyone here is writing it, with who is here,
 * their named carets, the connection's state, ¶ and R numbers, and the line-numbered view that
 * amendments cite. Those who may edit type; observers and readers follow the same text live.
 */
export function DraftScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const { draftId = '' } = useParams();
  const draft = useDraft(group.slug, draftId);
  useDocumentTitle(draft.data?.title ?? t('drafts.title'));

  if (draft.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={40} radius="md" />
        <Skeleton height={320} radius="md" />
      </Stack>
    );
  }
  if (draft.isError) return isNotFound(draft.error) ? <NotFoundView /> : <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />;
  return <LiveDraft key={draft.data.id} slug={group.slug} draft={draft.data} onRefetch={() => void draft.refetch()} />;
}

function LiveDraft({ slug, draft, onRefetch }: { slug: string; draft: DraftView; onRefetch: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const [renaming, setRenaming] = useState(false);
  const queryClient = useQueryClient();
  const onDeliberation = useCallback((topics: DeliberationTopic[]) => void refreshDeliberationTopics(queryClient, slug, draft.id, topics), [queryClient, slug, draft.id]);
  const { provider, state } = useCollabProvider({ path: draft.collab.path, documentName: draft.collab.documentName, onAccessChanged: onRefetch, onDeliberation });
  const user = useMemo<CollabUser>(() => ({ id: me.id, name: me.displayName, color: userColor(me.id) }), [me.id, me.displayName]);
  const canEdit = draft.access === 'edit';

  return (
    <Stack gap="md" className={classes.page} data-testid="draft-page" data-access={draft.access}>
      <Link to={`/groups/${slug}/drafts`} className={classes.back}>
        ← {t('drafts.backToList')}
      </Link>
      <div>
        <Text size="xs" c="dimmed" className={classes.caps}>
          {t('drafts.number', { number: draft.number })}
        </Text>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Title order={2} className={classes.draftTitle} lang={draft.lang} data-testid="draft-title">
            {draft.title}
          </Title>
          {canEdit ? (
            <Tooltip label={t('drafts.rename.button')} withArrow openDelay={300}>
              <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('drafts.rename.button')} onClick={() => setRenaming(true)} data-testid="draft-rename">
                <PencilIcon />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
        <Group gap="xs" mt={6} wrap="wrap">
          <DraftStatusBadge status={draft.status} />
          <Text size="xs" c="dimmed">
            {t('drafts.writtenIn', { language: languageName(draft.lang, locale) })}
          </Text>
        </Group>
      </div>

      <div className={classes.bar}>
        <Presence provider={provider} />
        <ConnectionState state={state} canEdit={canEdit} />
      </div>
      <ConnectionNote state={state} canEdit={canEdit} />
      <ReadOnlyNote draft={draft} />

      {provider ? <DraftBody key={draft.collab.documentName} provider={provider} user={user} draft={draft} state={state} /> : <Skeleton height={320} radius="md" />}

      {renaming ? <RenameDraftModal slug={slug} draft={draft} onClose={() => setRenaming(false)} /> : null}
    </Stack>
  );
}

function DraftBody({ provider, user, draft, state }: { provider: HocuspocusProvider; user: CollabUser; draft: DraftView; state: CollabState }) {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const slug = group.slug;
  const [showLines, setShowLines] = useState(false);
  const editable = draft.access === 'edit' && state.synced && state.scope !== 'readonly' && state.status !== 'denied' && state.status !== 'signedOut';
  const editor = useDraftEditor({ provider, user, editable, lang: draft.lang, label: t('drafts.editor.label', { title: draft.title }) });
  const blocks = useEditorState({ editor, selector: ({ editor: e }) => (e ? e.state.doc : null), equalityFn: (a, b) => a === b });
  const numbered = useMemo(() => (blocks ? numberedBlocksOfDoc(blocks) : []), [blocks]);
  const caret = useEditorState({ editor, selector: ({ editor: e }) => (e ? caretPlace(e) : null), equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const numbersOf = useCallback(
    (uid: string | null) => {
      const b = uid ? numbered.find((x) => x.uid === uid) : undefined;
      return b ? { paragraph: b.paragraph, recommendation: b.recommendation } : null;
    },
    [numbered],
  );
  const counts = { paragraphs: numbered.filter((b) => b.paragraph !== null).length, recommendations: numbered.filter((b) => b.recommendation !== null).length };

  return (
    <Stack gap="sm">
      <div className={classes.viewSwitch}>
        <Switch
          checked={showLines}
          onChange={(e) => setShowLines(e.currentTarget.checked)}
          label={t('drafts.lines.toggle')}
          description={t('drafts.lines.hint', { width: DRAFT_LINE_WIDTH })}
          data-testid="draft-lines-toggle"
        />
        <Text size="xs" c="dimmed" role="status" data-testid="draft-counts">
          {t('drafts.counts', { paragraphs: counts.paragraphs, recommendations: counts.recommendations })}
        </Text>
      </div>
      {!state.synced ? <Skeleton height={320} radius="md" /> : null}
      <div hidden={showLines || !state.synced || !editor} data-testid="draft-editor">
        {editor ? <DraftEditorView editor={editor} editable={editable} /> : null}
      </div>
      {showLines ? <LineNumberedText blocks={numbered} lang={draft.lang} /> : null}
      <DeliberationPanel slug={slug} draft={draft} group={group} editor={editor} caret={caret} numbersOf={numbersOf} />
    </Stack>
  );
}

/** Who has the draft open now, each in their caret's colour. */
function Presence({ provider }: { provider: HocuspocusProvider | null }) {
  const { t } = useTranslation();
  const people = usePresence(provider);
  return (
    <div className={classes.presence} data-testid="presence">
      <Text size="sm" c="dimmed" component="span">
        {t('drafts.presence.label', { count: people.length })}
      </Text>
      <ul className={classes.avatars}>
        {people.map((p) => (
          <li key={p.id} className={classes.person} data-testid="presence-person" data-name={p.name} data-self={p.self || undefined}>
            <span className={classes.avatar} style={{ ['--person-color' as string]: p.color }} aria-hidden="true">
              {initials(p.name)}
            </span>
            <span className={classes.personName}>{p.self ? t('drafts.presence.you', { name: p.name }) : p.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConnectionState({ state, canEdit }: { state: CollabState; canEdit: boolean }) {
  const { t } = useTranslation();
  const sending = state.unsynced > 0;
  const saved = !sending && state.stored;
  return (
    <div className={classes.conn} data-status={state.status} data-testid="connection-state" role="status">
      <span className={classes.dot} aria-hidden="true" />
      <span>{t(`drafts.connection.${state.status}`)}</span>
      {canEdit && state.status === 'connected' ? (
        <Text size="xs" c="dimmed" component="span" data-testid="sync-state" data-unsynced={state.unsynced} data-stored={state.stored}>
          · {sending ? t('drafts.connection.sending') : saved ? t('drafts.connection.allSaved') : t('drafts.connection.storing')}
        </Text>
      ) : null}
    </div>
  );
}

function ConnectionNote({ state, canEdit }: { state: CollabState; canEdit: boolean }) {
  const { t } = useTranslation();
  if (state.status === 'offline' || (state.status === 'reconnecting' && state.synced)) {
    return (
      <Alert color="yellow" variant="light" data-testid="connection-note">
        {canEdit ? t('drafts.connection.offlineNote') : t('drafts.connection.offlineNoteReader')}
      </Alert>
    );
  }
  if (state.status === 'signedOut') {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="connection-note">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('drafts.connection.signedOutNote')}</Text>
          <Button component="a" href={`/sign-in?next=${encodeURIComponent(window.location.pathname)}`} size="xs">
            {t('drafts.connection.signIn')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (state.status === 'denied') {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="connection-note">
        {t('drafts.connection.deniedNote')}
      </Alert>
    );
  }
  return null;
}

/** Why the text cannot be typed in, for those who may only follow it. */
function ReadOnlyNote({ draft }: { draft: DraftView }) {
  const { t } = useTranslation();
  if (draft.access === 'edit') return null;
  const settled = !EDITABLE_DRAFT_STATUSES.includes(draft.status);
  const message = settled ? t('drafts.readOnly.settled', { status: t(`drafts.status.${draft.status}`) }) : draft.access === 'comment' ? t('drafts.readOnly.observer') : t('drafts.readOnly.reader');
  return (
    <Alert color="blue" variant="light" data-testid="read-only-note">
      {message}
    </Alert>
  );
}

function RenameDraftModal({ slug, draft, onClose }: { slug: string; draft: DraftView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(draft);
  const [title, setTitle] = useState(draft.title);
  const [mine, setMine] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const problem = title.trim().length < 3 ? t('drafts.start.titleRequired') : null;
  const submit = useCallback(
    async (e: FormEvent) => {
      e.preventDefault();
      setTried(true);
      if (problem) return;
      setPending(true);
      setFailed(null);
      try {
        const saved = await draftMutations.rename(slug, base.id, { title: title.trim(), version: base.version });
        await refreshDraft(queryClient, slug, saved);
        onClose();
      } catch (err) {
        if (isApiError(err) && err.code === 'resource.version_conflict') {
          // Someone renamed it meanwhile: their title replaces the field, the person's is kept to copy from.
          setMine(title);
          try {
            const latest = await draftMutations.get(slug, base.id);
            setBase(latest);
            setTitle(latest.title);
            queryClient.setQueryData(draftKeys.one(slug, latest.id), latest);
          } catch (reloadErr) {
            setFailed(reloadErr);
          }
        } else setFailed(err);
      } finally {
        setPending(false);
      }
    },
    [problem, slug, base, title, queryClient, onClose],
  );
  return (
    <Modal opened onClose={onClose} size="lg" radius="md" title={<Text fw={600}>{t('drafts.rename.title')}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="draft-rename-form">
        <Stack gap="md">
          {mine !== null ? (
            <Alert color="orange" variant="light" role="alert" data-testid="draft-rename-conflict">
              <Stack gap={4}>
                <Text size="sm">{t('drafts.rename.conflict')}</Text>
                <Text size="xs" fw={600} c="dimmed">
                  {t('drafts.rename.yourTitle')}
                </Text>
                <Text size="sm" lang={draft.lang}>
                  {mine}
                </Text>
              </Stack>
            </Alert>
          ) : null}
          <TextInput
            label={t('drafts.start.titleLabel')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={300}
            lang={draft.lang}
            error={tried && problem}
            data-autofocus
            data-testid="draft-rename-input"
          />
          {failed ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="draft-rename-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PencilIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M4 20h4L18.5 9.5a2.8 2.8 0 0 0-4-4L4 16v4zM13.5 6.5l4 4" />
    </svg>
  );
}
