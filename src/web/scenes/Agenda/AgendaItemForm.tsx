import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemView, UpdateAgendaItemInput } from '../../../core/agenda';
import { isApiError } from '../../api/client';
import { agendaMutations, refreshAgenda } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import classes from './Agenda.module.css';
import { languageOptions, suggestedLang } from './agenda';

interface Props {
  slug: string;
  /** The item to change; none to raise one. */
  item?: AgendaItemView;
  onClose: () => void;
  onSaved: (item: AgendaItemView, created: boolean) => void;
}

/** What the person wrote, kept when someone else's change replaced it in the form. */
interface Conflict {
  title: string;
  description: string;
}

/**
 * Raising an item, or changing one: its title and description, and the language they are
 * written in (the UI's by default, or what the script shows while the person has not chosen),
 * so that the item is shown in the right fonts. A change names the version it started from; if
 * someone changed the item meanwhile, the form says so, shows their version and keeps the
 * person's own wording beside it to copy from.
 */
export function AgendaItemFormModal({ slug, item, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const phone = useMediaQuery('(max-width: 36em)');
  const [base, setBase] = useState<AgendaItemView | undefined>(item);
  const [title, setTitle] = useState(item?.title ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [lang, setLang] = useState(item?.lang ?? locale);
  const [langChosen, setLangChosen] = useState(Boolean(item));
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const follow = (nextTitle: string, nextDescription: string) => {
    if (langChosen) return;
    const guess = suggestedLang(nextTitle, nextDescription, locale);
    if (guess) setLang(guess);
  };
  const problems = {
    title: title.trim().length < 3 ? t('agenda.form.titleRequired') : null,
  };
  const serverError = (field: string) => {
    if (!isApiError(failed)) return null;
    const e = failed.fieldErrors.find((f) => f.path === `body.${field}`);
    if (!e) return null;
    if (field === 'title' && (e.code === 'too_small' || e.code === 'invalid_type')) return t('agenda.form.titleRequired');
    return e.message;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    setPending(true);
    setFailed(null);
    const text = { title: title.trim(), description: description.trim() || null, lang };
    try {
      if (!base) {
        const created = await agendaMutations.create(slug, text);
        await refreshAgenda(queryClient, slug, created);
        onSaved(created, true);
        return;
      }
      const patch: UpdateAgendaItemInput = { version: base.version };
      if (text.title !== base.title) patch.title = text.title;
      if (text.description !== base.description) patch.description = text.description;
      if (text.lang !== base.lang) patch.lang = text.lang;
      const saved = await agendaMutations.update(slug, base.id, patch);
      await refreshAgenda(queryClient, slug, saved);
      onSaved(saved, false);
    } catch (err) {
      if (base && isApiError(err) && err.code === 'resource.version_conflict') {
        // Someone changed it meanwhile: their version replaces the form, the person's wording is kept to copy from.
        setConflict({ title, description });
        try {
          const latest = await agendaMutations.get(slug, base.id);
          setBase(latest);
          setTitle(latest.title);
          setDescription(latest.description ?? '');
          setLang(latest.lang);
          await refreshAgenda(queryClient, slug, latest);
        } catch (reloadErr) {
          setFailed(reloadErr);
        }
      } else {
        setFailed(err);
      }
    } finally {
      setPending(false);
    }
  };

  const fieldErrors = isApiError(failed) ? failed.fieldErrors.filter((f) => ['body.title', 'body.description', 'body.lang'].includes(f.path)) : [];
  return (
    <Modal
      opened
      onClose={onClose}
      fullScreen={phone}
      size="lg"
      radius="md"
      title={<Text fw={600}>{base ? t('agenda.form.editTitle', { number: base.number }) : t('agenda.form.raiseTitle')}</Text>}
    >
      <form onSubmit={(e) => void submit(e)} noValidate className={classes.form} data-testid="agenda-form">
        <Stack gap="md">
          {conflict ? (
            <Alert color="orange" variant="light" role="alert" data-testid="agenda-conflict">
              <Stack gap="xs">
                <Text size="sm">{t('agenda.form.conflict')}</Text>
                <div className={classes.yourWording}>
                  <Text size="xs" fw={600} c="dimmed">
                    {t('agenda.form.yourWording')}
                  </Text>
                  <Text size="sm" fw={600} lang={lang}>
                    {conflict.title}
                  </Text>
                  {conflict.description ? (
                    <Text size="sm" className={classes.description} lang={lang}>
                      {conflict.description}
                    </Text>
                  ) : null}
                </div>
              </Stack>
            </Alert>
          ) : null}
          <TextInput
            label={t('agenda.form.title')}
            description={t('agenda.form.titleHint')}
            required
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              follow(e.currentTarget.value, description);
            }}
            maxLength={300}
            lang={lang}
            error={(tried && problems.title) || serverError('title')}
            data-autofocus
            data-testid="agenda-title-input"
          />
          <Textarea
            label={t('agenda.form.description')}
            description={t('agenda.form.descriptionHint')}
            value={description}
            onChange={(e) => {
              setDescription(e.currentTarget.value);
              follow(title, e.currentTarget.value);
            }}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={5000}
            lang={lang}
            error={serverError('description')}
            data-testid="agenda-description-input"
          />
          <Select
            label={t('agenda.form.language')}
            description={t('agenda.form.languageHint')}
            data={languageOptions(locale, base?.lang)}
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
            className={classes.languageSelect}
            data-testid="agenda-lang"
          />
          {failed && !fieldErrors.length ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="agenda-save">
              {base ? t('common.save') : t('agenda.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
