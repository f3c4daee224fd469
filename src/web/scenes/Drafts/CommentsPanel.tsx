import { Badge, Button, Group, MultiSelect, SegmentedControl, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadView } from '../../../core/deliberation';
import { deliberationMutations, refreshDeliberation, useCommentThreads } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { highlightParagraph } from '../../editor/DraftHighlight';
import { currentLocale } from '../../i18n';
import { paraLabel, Quote, type DeliberationProps } from './deliberation-shared';
import classes from './Deliberation.module.css';

/** Everyone who may see the draft, for the @mention picker: co-chairs, delegations, observers, support. */
function usePeople(group: DeliberationProps['group']) {
  return useMemo(() => {
    const seen = new Map<string, string>();
    const add = (p: { id: string; displayName: string; committee?: { code: string } | null }) => {
      if (!seen.has(p.id)) seen.set(p.id, p.committee ? `${p.displayName} (${p.committee.code})` : p.displayName);
    };
    group.coChairs.forEach((c) => c.people.forEach(add));
    group.delegations.forEach((d) => {
      if (d.head) add(d.head);
      d.members.forEach(add);
    });
    group.observers.forEach(add);
    group.support.forEach(add);
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [group]);
}

/**
 * Comment threads (#5 part 5) on a range of a paragraph: the quote, replies, resolve and
 * reopen, and @mentions of people who may see the draft (they are mailed). Observers comment.
 */
export function CommentsPanel(props: DeliberationProps) {
  const { t } = useTranslation();
  const { slug, draft, group, caret, editor } = props;
  const threads = useCommentThreads(slug, draft.id);
  const people = usePeople(group);
  const [filter, setFilter] = useState<'open' | 'resolved' | 'all'>('open');

  if (threads.isPending) return <Skeleton height={160} radius="md" />;
  if (threads.isError) return <ErrorAlert error={threads.error} onRetry={() => void threads.refetch()} />;
  const { canComment } = threads.data;
  const shown = threads.data.threads.filter((th) => (filter === 'all' ? true : filter === 'open' ? !th.resolved : th.resolved));
  const hasSelection = !!caret?.uid && caret.end > caret.start;

  return (
    <Stack gap="md" className={classes.panel} data-testid="comments-panel">
      {canComment ? (
        hasSelection && caret?.uid ? (
          <NewThread key={`${caret.uid}:${caret.start}:${caret.end}`} {...props} people={people} uid={caret.uid} start={caret.start} end={caret.end} quote={caret.text.slice(caret.start, caret.end)} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="comments-select-hint">
            {t('deliberation.comments.selectHint')}
          </Text>
        )
      ) : null}
      <SegmentedControl
        size="xs"
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        data={[
          { value: 'open', label: t('deliberation.comments.open', { count: threads.data.threads.filter((th) => !th.resolved).length }) },
          { value: 'resolved', label: t('deliberation.comments.resolved', { count: threads.data.threads.filter((th) => th.resolved).length }) },
          { value: 'all', label: t('deliberation.comments.all') },
        ]}
        data-testid="comments-filter"
        style={{ alignSelf: 'flex-start' }}
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deliberation.comments.empty')}
        </Text>
      ) : null}
      {shown.map((th) => (
        <Thread key={th.id} thread={th} slug={slug} draftId={draft.id} lang={draft.lang} people={people} canComment={canComment} onHover={(on) => highlightParagraph(editor, on ? th.blockUid : null)} />
      ))}
    </Stack>
  );
}

function MentionPicker({ people, value, onChange }: { people: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t('deliberation.comments.mention')}
      description={t('deliberation.comments.mentionHint')}
      data={people}
      value={value}
      onChange={onChange}
      searchable
      clearable
      maxValues={20}
      leftSection={<span aria-hidden="true">@</span>}
      nothingFoundMessage={t('deliberation.comments.nobody')}
      comboboxProps={{ withinPortal: true }}
      data-testid="comment-mentions"
    />
  );
}

function NewThread({ slug, draft, people, uid, start, end, quote, numbersOf }: DeliberationProps & { people: { value: string; label: string }[]; uid: string; start: number; end: number; quote: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setPending(true);
    setFailed(null);
    try {
      await deliberationMutations.startThread(slug, draft.id, { blockUid: uid, start, end, body: body.trim(), mentions });
      await refreshDeliberation(queryClient, slug, draft.id);
      setBody('');
      setMentions([]);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className={classes.card} data-testid="comment-new">
      <Stack gap="xs">
        <Text size="xs" fw={600}>
          {t('deliberation.comments.on', { where: paraLabel(numbersOf(uid)) })}
        </Text>
        <Quote text={quote} lang={draft.lang} />
        <Textarea label={t('deliberation.comments.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} maxLength={5000} data-testid="comment-body" />
        <MentionPicker people={people} value={mentions} onChange={setMentions} />
        {failed ? <ErrorAlert error={failed} /> : null}
        <Group>
          <Button type="submit" size="xs" loading={pending} disabled={!body.trim()} data-testid="comment-submit">
            {t('deliberation.comments.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Thread({ thread: th, slug, draftId, lang, people, canComment, onHover }: { thread: ThreadView; slug: string; draftId: string; lang: string; people: { value: string; label: string }[]; canComment: boolean; onHover: (on: boolean) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [reply, setReply] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [replying, setReplying] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const act = (step: () => Promise<unknown>, after?: () => void) => {
    setPending(true);
    setFailed(null);
    step()
      .then(() => refreshDeliberation(queryClient, slug, draftId))
      .then(() => after?.())
      .catch(setFailed)
      .finally(() => setPending(false));
  };
  const comment = (c: ThreadView['replies'][number], testId: string) => (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {c.author?.displayName ?? '—'} · {formatDateTime(c.createdAt, locale)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {c.body}
      </Text>
      {c.mentions.length > 0 ? (
        <Group gap={4} mt={2} data-testid="comment-mentioned">
          {c.mentions.map((m) => (
            <Badge tt="none" key={m.id} size="sm" variant="light" color="navy" radius="sm">
              @{m.displayName}
            </Badge>
          ))}
        </Group>
      ) : null}
    </div>
  );
  return (
    <article className={classes.card} data-testid="comment-thread" data-resolved={th.resolved || undefined} onMouseEnter={() => onHover(true)} onMouseLeave={() => onHover(false)}>
      <Stack gap={8}>
        <Group gap={6} justify="space-between">
          <Badge tt="none" variant="outline" color="gray" radius="sm">
            {th.paragraph === null ? t('deliberation.comments.gone') : paraLabel(th)}
          </Badge>
          {th.resolved ? (
            <Badge tt="none" color="green" variant="light" radius="sm" leftSection={<span aria-hidden="true">✓</span>} data-testid="comment-resolved">
              {t('deliberation.comments.resolvedBy', { name: th.resolvedBy?.displayName ?? '—' })}
            </Badge>
          ) : null}
        </Group>
        <Quote text={th.quote} lang={lang} />
        {comment(th, 'comment')}
        {th.replies.map((r) => (
          <div key={r.id} style={{ paddingLeft: '0.75rem', borderLeft: '2px solid var(--mantine-color-gray-2)' }}>
            {comment(r, 'comment-reply')}
          </div>
        ))}
        {failed ? <ErrorAlert error={failed} /> : null}
        {replying ? (
          <Stack gap="xs">
            <Textarea label={t('deliberation.comments.reply')} value={reply} onChange={(e) => setReply(e.currentTarget.value)} autosize minRows={2} maxLength={5000} data-testid="comment-reply-body" />
            <MentionPicker people={people} value={mentions} onChange={setMentions} />
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setReplying(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                size="xs"
                loading={pending}
                disabled={!reply.trim()}
                onClick={() =>
                  act(
                    () => deliberationMutations.reply(slug, draftId, th.id, { body: reply.trim(), mentions }),
                    () => {
                      setReply('');
                      setMentions([]);
                      setReplying(false);
                    },
                  )
                }
                data-testid="comment-reply-send"
              >
                {t('deliberation.comments.send')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group gap="xs">
            {canComment && th.actions.includes('reply') ? (
              <Button size="compact-xs" variant="subtle" onClick={() => setReplying(true)} data-testid="comment-reply">
                {t('deliberation.comments.reply')}
              </Button>
            ) : null}
            {th.actions.includes('resolve') ? (
              <Button size="compact-xs" variant="subtle" loading={pending} onClick={() => act(() => deliberationMutations.resolveThread(slug, draftId, th.id, 'resolve'))} data-testid="comment-resolve">
                {t('deliberation.comments.resolve')}
              </Button>
            ) : null}
            {th.actions.includes('reopen') ? (
              <Button size="compact-xs" variant="subtle" loading={pending} onClick={() => act(() => deliberationMutations.resolveThread(slug, draftId, th.id, 'reopen'))} data-testid="comment-reopen">
                {t('deliberation.comments.reopen')}
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </article>
  );
}
