import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../core/drafts';
import { isApiError } from '../../api/client';
import { draftMutations, refreshDraft } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { languageOptions, suggestedLang } from '../Agenda/agenda';

/** Paragraphs of pasted starting text: separated by blank lines; single line breaks are kept inside a paragraph. */
export function startingParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Starting a draft: its title and the language its text is authoritative in (the UI's by
 * default), and optionally a text to start from, pasted as paragraphs.
 */
export function StartDraftModal({ slug, onClose, onStarted }: { slug: string; onClose: () => void; onStarted: (draft: DraftView) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const phone = useMediaQuery('(max-width: 36em)');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [lang, setLang] = useState<string>(locale);
  const [langChosen, setLangChosen] = useState(false);
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const titleProblem = title.trim().length < 3 ? t('drafts.start.titleRequired') : null;
  const follow = (nextTitle: string, nextText: string) => {
    if (langChosen) return;
    const guess = suggestedLang(nextTitle, nextText, locale);
    if (guess) setLang(guess);
  };
  const serverError = (field: string) => (isApiError(failed) ? (failed.fieldErrors.find((f) => f.path === `body.${field}`)?.message ?? null) : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (titleProblem) return;
    setPending(true);
    setFailed(null);
    try {
      const paragraphs = startingParagraphs(text);
      const draft = await draftMutations.create(slug, { title: title.trim(), lang, ...(paragraphs.length ? { paragraphs } : {}) });
      await refreshDraft(queryClient, slug, draft);
      onStarted(draft);
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };
  const fieldErrors = isApiError(failed) ? failed.fieldErrors.filter((f) => f.path.startsWith('body.')) : [];

  return (
    <Modal opened onClose={onClose} fullScreen={phone} size="lg" radius="md" title={<Text fw={600}>{t('drafts.start.title')}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="draft-start-form">
        <Stack gap="md">
          <TextInput
            label={t('drafts.start.titleLabel')}
            description={t('drafts.start.titleHint')}
            required
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              follow(e.currentTarget.value, text);
            }}
            maxLength={300}
            lang={lang}
            error={(tried && titleProblem) || serverError('title')}
            data-autofocus
            data-testid="draft-title-input"
          />
          <Select
            label={t('drafts.start.language')}
            description={t('drafts.start.languageHint')}
            data={languageOptions(locale)}
            value={lang}
            onChange={(v) => {
              if (!v) return;
              setLang(v);
              setLangChosen(true);
            }}
            allowDeselect={false}
            renderOption={({ option }) => <span lang={option.value}>{option.label}</span>}
            comboboxProps={{ withinPortal: true }}
            error={serverError('lang')}
            data-testid="draft-lang"
          />
          <Textarea
            label={t('drafts.start.text')}
            description={t('drafts.start.textHint')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              follow(title, e.currentTarget.value);
            }}
            autosize
            minRows={3}
            maxRows={10}
            lang={lang}
            error={serverError('paragraphs')}
            data-testid="draft-text-input"
          />
          {failed && !fieldErrors.length ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="draft-start-submit">
              {t('drafts.start.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
