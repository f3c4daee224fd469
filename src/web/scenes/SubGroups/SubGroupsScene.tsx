import { Anchor, Badge, Button, Group, Modal, Paper, Select, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Locale } from '../../../core/charter';
import type { GroupOverview } from '../../../core/study-groups';
import { detectLocale } from '../../../core/text-language';
import { apiGet } from '../../api/client';
import { groupMutations, keys, refreshGroup, type RelatedGroup } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderIcon } from '../../components/icons';
import { NotFoundView } from '../../components/NotFound';
import { RichTextView } from '../../components/RichTextView';
import { GroupStatusBadge } from '../../components/StatusBadge';
import { textLang } from '../../components/text-lang';
import { currentLocale, isLocale, LANGUAGE_NAMES, UI_LOCALES } from '../../i18n';
import { useGroupContext } from '../Group/context';
import classes from './SubGroups.module.css';

/** The experts groups formed under this study group that the viewer may see, and a way to form one. */
export function SubGroupsScene() {
  const { t } = useTranslation();
  const { group, lineage, isSubGroup } = useGroupContext();
  const [forming, setForming] = useState(false);
  const canCreate = group.allowedActions.includes('subgroup.create');
  const locale = currentLocale();
  const subGroups = lineage?.subGroups ?? [];
  // Each sub-group's own overview carries its focus and participant count.
  const details = useQueries({
    queries: subGroups.map((s) => ({
      queryKey: [...keys.group(s.slug), locale],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<GroupOverview>(`/api/study-groups/${encodeURIComponent(s.slug)}?lang=${locale}`, signal),
    })),
  });

  if (isSubGroup) return <NotFoundView />;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={2} className={classes.title}>
            {t('subGroups.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('subGroups.intro')}
          </Text>
        </div>
        {canCreate ? (
          <Button onClick={() => setForming(true)} leftSection={<FolderIcon size={16} />}>
            {t('subGroups.form')}
          </Button>
        ) : null}
      </Group>

      {!lineage ? (
        <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={120} radius="md" />
        </Stack>
      ) : subGroups.length === 0 ? (
        <Paper withBorder radius="md" py="xl" px="md">
          <Stack align="center" gap={4}>
            <Text fw={600}>{t('subGroups.empty')}</Text>
            <Text size="sm" c="dimmed" ta="center" maw={520}>
              {canCreate ? t('subGroups.emptyCanForm') : t('subGroups.emptyBody')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="md" component="ul" className={classes.list}>
          {subGroups.map((s, i) => (
            <li key={s.slug}>
              <SubGroupCard subGroup={s} detail={details[i]?.data} />
            </li>
          ))}
        </Stack>
      )}

      {canCreate ? <FormSubGroupModal opened={forming} onClose={() => setForming(false)} parentSlug={group.slug} /> : null}
    </Stack>
  );
}

function SubGroupCard({ subGroup, detail }: { subGroup: RelatedGroup; detail: GroupOverview | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const lang = detail ? (detail.charter.texts[locale] ? locale : detail.charter.authoritative) : undefined;
  const focus = lang ? detail?.charter.texts[lang]?.introduction : undefined;
  const title = detail?.titles[locale] ?? subGroup.title;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} className={classes.card}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={3} size="h4" lang={detail?.titles[locale] ? locale : textLang(subGroup.title)}>
            <Anchor component={Link} to={`/groups/${subGroup.slug}`} className={classes.titleLink}>
              {title}
            </Anchor>
          </Title>
          <div className={classes.badge}>
            <GroupStatusBadge status={subGroup.status} size="sm" />
          </div>
        </Group>
        {focus ? (
          <div className={classes.focus} lang={lang}>
            <Text size="xs" c="dimmed" fw={600} className={classes.label}>
              {t('subGroups.focus')}
            </Text>
            <div className={classes.focusText}>
              <RichTextView doc={focus} />
            </div>
          </div>
        ) : detail ? null : (
          <Skeleton height={36} />
        )}
        <Group gap="md" wrap="wrap">
          {detail ? (
            <Text size="sm" c="dimmed">
              {t('groups.members', { count: detail.participantCount })}
            </Text>
          ) : null}
          {detail?.myRoles.length ? (
            <Group gap={4}>
              {detail.myRoles.map((r) => (
                <Badge key={r} variant="outline" color="navy" size="sm" radius="sm" tt="none">
                  {t(`roles.${r}`)}
                </Badge>
              ))}
            </Group>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Forms a sub-group around one idea or agenda item; its creator co-chairs it. */
function FormSubGroupModal({ opened, onClose, parentSlug }: { opened: boolean; onClose: () => void; parentSlug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [focus, setFocus] = useState('');
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [languageChosen, setLanguageChosen] = useState(false);
  // Until the person picks one, the language follows what they write (as the server would judge it).
  const follow = (nextTitle: string, nextFocus: string) => {
    if (!languageChosen && `${nextTitle}${nextFocus}`.trim()) setLanguage(detectLocale(`${nextTitle}\n${nextFocus}`, currentLocale()));
  };
  const create = useMutation({
    mutationFn: () => groupMutations.createSubGroup(parentSlug, { title: title.trim(), focus: focus.trim(), language }),
    onSuccess: (created) => {
      void refreshGroup(queryClient, parentSlug);
      close();
      void navigate(`/groups/${created.slug}`);
    },
  });
  const close = () => {
    setTitle('');
    setFocus('');
    setLanguageChosen(false);
    create.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() && focus.trim()) create.mutate();
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('subGroups.formTitle')}</Text>} centered radius="md" size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('subGroups.formIntro')}
          </Text>
          <TextInput
            label={t('subGroups.name')}
            required
            maxLength={300}
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              follow(e.currentTarget.value, focus);
            }}
            data-autofocus
            lang={language}
          />
          <Textarea
            label={t('subGroups.focus')}
            description={t('subGroups.focusHint')}
            required
            autosize
            minRows={4}
            maxRows={10}
            maxLength={5000}
            value={focus}
            onChange={(e) => {
              setFocus(e.currentTarget.value);
              follow(title, e.currentTarget.value);
            }}
            lang={language}
          />
          <Select
            label={t('subGroups.language')}
            data={UI_LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            value={language}
            onChange={(v) => {
              if (isLocale(v)) {
                setLanguage(v);
                setLanguageChosen(true);
              }
            }}
            allowDeselect={false}
            renderOption={({ option }) => <span lang={option.value}>{option.label}</span>}
            maw={280}
          />
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!title.trim() || !focus.trim()}>
              {t('subGroups.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
