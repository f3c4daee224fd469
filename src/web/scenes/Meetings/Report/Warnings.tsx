import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WARNING_ANSWERS, type AttributionWarning, type WarningAnswer } from '../../../../core/attribution-types';
import { textLang } from '../../../components/text-lang';
import classes from './Report.module.css';

/** The answers given so far in this page, by warning key. */
export type WarningAnswers = Readonly<Record<string, WarningAnswer['answer']>>;

/** The answers to send with a step: those that answer one of the check's warnings. */
export const answersFor = (warnings: readonly AttributionWarning[], answers: WarningAnswers): WarningAnswer[] =>
  warnings.flatMap((w) => (answers[w.key] ? [{ key: w.key, answer: answers[w.key] as WarningAnswer['answer'] }] : []));

/**
 * The check's warnings: a given name or family name of a participant standing alone. Each is
 * answered, 'not about this person' or 'reviewed', before the report leaves the group; the
 * answers go with the co-chair's step and are kept in the audit trail.
 */
export function WarningsList({ warnings, answers, onAnswer, testId = 'warnings' }: { warnings: readonly AttributionWarning[]; answers: WarningAnswers; onAnswer: (key: string, answer: WarningAnswer['answer'] | null) => void; testId?: string }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  const open = warnings.filter((w) => !answers[w.key]).length;
  return (
    <Stack gap={6} data-testid={testId}>
      <Text size="sm" fw={600} c={open ? 'yellow.9' : 'dimmed'} data-testid="warnings-summary" data-open={open}>
        {open ? t('report.check.warnings.open', { count: open }) : t('report.check.warnings.allAnswered')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('report.check.warnings.intro')}
      </Text>
      <ol className={classes.findings}>
        {warnings.map((w) => {
          const answer = answers[w.key];
          const where = w.in === 'link' ? t('report.check.where.link', { n: w.block + 1 }) : t('report.check.where.text', { n: w.block + 1 });
          return (
            <li key={w.key} className={classes.warning} data-answered={answer ?? undefined} data-testid="warning">
              <Text size="sm" className={classes.findingContext}>
                {w.before ? <span className={classes.ellipsis}>{w.before.length >= 40 ? `…${w.before.slice(-30)}` : w.before}</span> : null}
                <mark className={classes.warningMark} lang={textLang(w.match)}>
                  {w.match}
                </mark>
                {w.after ? <span>{w.after.length >= 40 ? `${w.after.slice(0, 30)}…` : w.after}</span> : null}
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {t(`report.check.warnings.part.${w.part}`, { name: w.people.map((p) => p.displayName).join(', ') })} · {where}
              </Text>
              {answer ? (
                <Group gap="xs" mt={4}>
                  <Text size="xs" fw={600} c="gray.7" data-testid="warning-answer">
                    {t(`report.check.warnings.answered.${answer}`)}
                  </Text>
                  <Button variant="subtle" size="compact-xs" onClick={() => onAnswer(w.key, null)}>
                    {t('report.check.warnings.change')}
                  </Button>
                </Group>
              ) : (
                <Group gap="xs" mt={4} role="group" aria-label={t('report.check.warnings.answerLabel', { match: w.match, where })}>
                  {WARNING_ANSWERS.map((a) => (
                    <Button key={a} variant="default" size="compact-xs" onClick={() => onAnswer(w.key, a)} data-testid={`warning-${a}`}>
                      {t(`report.check.warnings.answer.${a}`)}
                    </Button>
                  ))}
                </Group>
              )}
            </li>
          );
        })}
      </ol>
    </Stack>
  );
}
