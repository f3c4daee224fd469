import { Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import classes from './Brand.module.css';

/** The Accord mark and name; links home. */
export function Brand({ to = '/' }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className={classes.brand} aria-label={t('app.name')}>
      <Group gap={10} wrap="nowrap">
        <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="6" fill="var(--mantine-color-navy-8)" />
          <path d="M9 23 16 8l7 15" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M11.6 18h8.8" stroke="var(--accord-gold)" strokeWidth="2.4" strokeLinecap="round" />
        </svg>
        <Text component="span" className={classes.name} lang="en">
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  );
}
