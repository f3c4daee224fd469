import { Alert, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMailbox, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { currentLocale } from '../../i18n';
import classes from './Mailbox.module.css';

export function MailboxScene() {
  const { t } = useTranslation();
  const me = useMe();
  const mailbox = useMailbox();
  const locale = currentLocale();
  const messages = [...(mailbox.data?.messages ?? [])].sort((a, b) => (Date.parse(b.date) || 0) - (Date.parse(a.date) || 0));

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('mailbox.title')}</PageTitle>
        {mailbox.data ? (
          <Text c="dimmed" size="sm" mt="xs" maw={760}>
            {mailbox.data.mode === 'file' ? t('mailbox.intro') : t('mailbox.smtpConfigured')}
          </Text>
        ) : null}
      </div>
      {mailbox.isPending ? <Skeleton height={200} radius="md" /> : null}
      {mailbox.isError ? <ErrorAlert error={mailbox.error} onRetry={() => void mailbox.refetch()} /> : null}
      {mailbox.data && mailbox.data.mode === 'file' && messages.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('mailbox.empty')}
        </Alert>
      ) : null}
      {messages.length > 0 ? (
        <Paper withBorder radius="md" className={classes.tablePaper}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={190}>
                    {t('mailbox.date')}
                  </Table.Th>
                  <Table.Th scope="col">{t('mailbox.to')}</Table.Th>
                  <Table.Th scope="col">{t('mailbox.subject')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td className={classes.nums}>
                      <Text size="sm" c="dimmed">
                        {m.date ? formatDateTime(m.date, locale, me.timeZone) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lang="en" className={classes.address}>
                        {m.to}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Link to={`/admin/mailbox/${encodeURIComponent(m.id)}`} className={classes.subject} aria-label={`${t('mailbox.open')}: ${m.subject}`}>
                        {m.subject || '—'}
                      </Link>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
    </Stack>
  );
}
