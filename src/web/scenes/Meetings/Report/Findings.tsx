import { Text, UnstyledButton } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AttributionFinding } from '../../../../core/attribution';
import type { RichText } from '../../../../core/rich-text';
import { textLang } from '../../../components/text-lang';
import classes from './Report.module.css';

/** The words before a finding, cut at a word's start when they were cut short. */
function lead(before: string): string {
  if (before.length < 40) return before;
  const space = before.search(/\s/);
  return `…${space >= 0 && space < 15 ? before.slice(space + 1) : before}`;
}

/** The words after a finding, cut at a word's end when they were cut short. */
function tail(after: string): string {
  if (after.length < 40) return after;
  const space = after.search(/\s\S*$/);
  return `${space > 25 ? after.slice(0, space) : after}…`;
}

/** Where a finding is, for people: 'passage 3', or 'a link's address in passage 3'. */
function where(t: TFunction, f: AttributionFinding): string {
  return f.in === 'link' ? t('report.check.where.link', { n: f.block + 1 }) : t('report.check.where.text', { n: f.block + 1 });
}

/**
 * The findings of the attribution check, each with what it reveals (a participant's name, an
 * affiliation, a member committee), whose it is, where, and the words around it; choosing one
 * shows it in the text.
 */
export function FindingsList({ findings, active, onSelect, testId = 'findings' }: { findings: readonly AttributionFinding[]; active?: number | null; onSelect?: (index: number) => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <ol className={classes.findings} data-testid={testId}>
      {findings.map((f, i) => {
        const body = (
          <>
            <Text size="sm" className={classes.findingContext}>
              {f.before ? <span className={classes.ellipsis}>{lead(f.before)}</span> : null}
              <mark className={classes.findingMark} lang={textLang(f.match)}>
                {f.match}
              </mark>
              {f.after ? <span>{tail(f.after)}</span> : null}
            </Text>
            <Text size="xs" c="dimmed" mt={2}>
              <Text span size="xs" fw={600} c="red.8" data-testid="finding-kind">
                {t(`report.check.kind.${f.kind}`)}
              </Text>
              {' — '}
              {f.people.map((p) => p.displayName).join(', ')} · {where(t, f)}
            </Text>
          </>
        );
        return (
          <li key={`${f.block}-${f.in}-${f.start}-${f.kind}-${i}`} className={classes.finding} data-active={active === i || undefined} data-testid="finding">
            {onSelect ? (
              <UnstyledButton className={classes.findingButton} onClick={() => onSelect(i)} aria-label={t('report.check.show', { match: f.match, where: where(t, f) })}>
                {body}
              </UnstyledButton>
            ) : (
              <div className={classes.findingButton}>{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The check's summary line: nothing found, or how many passages to change. */
export function CheckSummary({ count }: { count: number }) {
  const { t } = useTranslation();
  return count === 0 ? (
    <Text size="sm" c="green.8" fw={600} data-testid="check-summary" data-count={0}>
      {t('report.check.ok')}
    </Text>
  ) : (
    <Text size="sm" c="red.8" fw={600} data-testid="check-summary" data-count={count}>
      {t('report.check.found', { count })}
    </Text>
  );
}

/** True when the two documents are the same text and structure. */
export const sameDoc = (a: RichText, b: RichText) => JSON.stringify(a) === JSON.stringify(b);
