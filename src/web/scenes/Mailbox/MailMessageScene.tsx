import { Anchor, Badge, Divider, Group, Paper, Skeleton, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMailMessage, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { formatDateTime, languageName } from '../../components/format';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFoundView } from '../../components/NotFound';
import { PageTitle } from '../../components/PageTitle';
import { currentLocale } from '../../i18n';
import classes from './Mailbox.module.css';

const URL_PATTERN = /(https?:\/\/[^\s<>"')\]]+)/g;

/** Plain text with its web addresses made into links; nothing else is interpreted. */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const href = match[0].replace(/[.,;:!?]+$/, '');
    parts.push(
      <a key={index} href={href} rel="noreferrer">
        {href}
      </a>,
    );
    last = index + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

export function MailMessageScene() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const message = useMailMessage(id);
  const locale = currentLocale();

  const back = (
    <Anchor component={Link} to="/admin/mailbox" size="sm">
      <Group gap={4} component="span">
        <ChevronLeftIcon size={16} />
        {t('mailbox.back')}
      </Group>
    </Anchor>
  );

  if (message.isPending) {
    return (
      <Stack gap="md">
        {back}
        <Skeleton height={32} width="60%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (message.isError && !message.data) {
    if (isNotFound(message.error)) return <NotFoundView />;
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert error={message.error} onRetry={() => void message.refetch()} />
      </Stack>
    );
  }
  const m = message.data;
  const lang = m.language?.split(',')[0]?.trim() || undefined;
  return (
    <Stack gap="lg" maw={860}>
      {back}
      <PageTitle order={1} size="h2" lang={lang} documentTitle={m.subject || t('mailbox.title')}>
        {m.subject || '—'}
      </PageTitle>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
        <dl className={classes.headers}>
          <dt>{t('mailbox.from')}</dt>
          <dd lang="en">{m.from}</dd>
          <dt>{t('mailbox.to')}</dt>
          <dd lang="en">{m.to}</dd>
          <dt>{t('mailbox.date')}</dt>
          <dd>{m.date ? formatDateTime(m.date, locale, me.timeZone, true) : '—'}</dd>
          {lang ? (
            <>
              <dt>{t('mailbox.language')}</dt>
              <dd>
                <Badge variant="light" color="gray" radius="sm" tt="none">
                  {languageName(lang, locale)}
                </Badge>
              </dd>
            </>
          ) : null}
        </dl>
        <Divider my="lg" />
        <pre className={classes.body} lang={lang}>
          <Linkified text={m.text} />
        </pre>
      </Paper>
    </Stack>
  );
}
