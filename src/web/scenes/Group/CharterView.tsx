import { Alert, Button, Group, Text, Title } from '@mantine/core';
import { RichTextView } from '../../components/RichTextView';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Charter, CharterText, Locale } from '../../../core/charter';
import { languageName } from '../../components/format';
import { InfoIcon } from '../../components/icons';
import { currentLocale, UI_LOCALES } from '../../i18n';
import classes from './GroupScene.module.css';

/** The charter's sections, in the order of a study-group proposal; each is an anchor. */
export const CHARTER_SECTIONS = ['introduction', 'principles', 'format', 'objectives', 'anticipatedOutput', 'differsFromPrevious', 'keyQuestions'] as const;
export type CharterSection = (typeof CHARTER_SECTIONS)[number];

/** Which text to show: the UI language's translation when there is one, else the authoritative text. */
function chooseText(charter: Charter, ui: Locale, preferAuthoritative: boolean): { lang: Locale; text: CharterText } | null {
  const order: Locale[] = preferAuthoritative ? [charter.authoritative, ui] : [ui, charter.authoritative];
  for (const lang of [...order, ...UI_LOCALES]) {
    const text = charter.texts[lang];
    if (text) return { lang, text };
  }
  return null;
}

export function CharterView({ charter }: { charter: Charter }) {
  const { t, i18n } = useTranslation();
  const ui = currentLocale();
  const [preferAuthoritative, setPreferAuthoritative] = useState(false);
  const authoritative = charter.authoritative;
  const hasTranslation = ui !== authoritative && Boolean(charter.texts[ui]);
  const chosen = chooseText(charter, ui, preferAuthoritative);
  if (!chosen) return null;
  const { lang, text } = chosen;
  // Section headings belong to the document: they are in the language of the text shown.
  const td = i18n.getFixedT(lang);
  const authName = languageName(authoritative, ui);

  const notice =
    ui === authoritative ? null : hasTranslation && lang === ui ? (
      <Alert variant="light" color="navy" icon={<InfoIcon />} lang={ui} className={classes.notice}>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm">{t('group.translationNotice', { language: authName })}</Text>
          <Button size="compact-sm" variant="white" onClick={() => setPreferAuthoritative(true)}>
            {t('group.showAuthoritative', { language: authName })}
          </Button>
        </Group>
      </Alert>
    ) : hasTranslation ? (
      <Alert variant="light" color="gray" icon={<InfoIcon />} lang={ui} className={classes.notice}>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm">
            <strong>{t('group.authoritative')}</strong> · {authName}
          </Text>
          <Button size="compact-sm" variant="white" onClick={() => setPreferAuthoritative(false)}>
            {t('group.showTranslation')}
          </Button>
        </Group>
      </Alert>
    ) : (
      <Alert variant="light" color="gray" icon={<InfoIcon />} lang={ui} className={classes.notice}>
        <Text size="sm">{t('group.noTranslation', { language: languageName(ui, ui), authoritative: languageName(lang, ui) })}</Text>
      </Alert>
    );

  const sectionTitle = (key: CharterSection) => (
    <Title order={3} className={classes.charterHeading} id={`${key}-heading`}>
      {td(`group.sections.${key}`)}
    </Title>
  );

  return (
    <article data-testid="charter" lang={lang} className={classes.charter} aria-label={text.title}>
      {notice}
      <section id="introduction" aria-labelledby="introduction-heading" className={classes.charterSection}>
        {sectionTitle('introduction')}
        <RichTextView doc={text.introduction} />
      </section>
      <section id="principles" aria-labelledby="principles-heading" className={classes.charterSection}>
        {sectionTitle('principles')}
        <dl className={classes.principles}>
          {text.principles.map((p) => (
            <div key={p.key}>
              <dt>{p.name}</dt>
              <dd>
                <RichTextView doc={p.text} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section id="format" aria-labelledby="format-heading" className={classes.charterSection}>
        {sectionTitle('format')}
        <RichTextView doc={text.format} />
      </section>
      <section id="objectives" aria-labelledby="objectives-heading" className={classes.charterSection}>
        {sectionTitle('objectives')}
        <ol className={classes.labelled}>
          {text.objectives.map((o) => (
            <li key={o.label}>
              <span className={classes.label}>({o.label})</span>
              <span>{o.text}</span>
            </li>
          ))}
        </ol>
      </section>
      <section id="anticipatedOutput" aria-labelledby="anticipatedOutput-heading" className={classes.charterSection}>
        {sectionTitle('anticipatedOutput')}
        <RichTextView doc={text.anticipatedOutput} />
      </section>
      <section id="differsFromPrevious" aria-labelledby="differsFromPrevious-heading" className={classes.charterSection}>
        {sectionTitle('differsFromPrevious')}
        <RichTextView doc={text.differsFromPrevious} />
      </section>
      <section id="keyQuestions" aria-labelledby="keyQuestions-heading" className={classes.charterSection}>
        {sectionTitle('keyQuestions')}
        <ol className={classes.labelled}>
          {text.keyQuestions.map((q) => (
            <li key={q.number}>
              <span className={classes.label}>{q.number}.</span>
              <span>{q.text}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
