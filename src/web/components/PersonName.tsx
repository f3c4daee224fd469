import { Box, Text } from '@mantine/core';
import type { PersonNames } from '../../core/people';
import { currentLocale } from '../i18n';
import { useTranslation } from 'react-i18next';
import { personNameParts } from './format';
import classes from './PersonName.module.css';
import { textLang } from './text-lang';

interface Props {
  names: PersonNames;
  displayName: string;
  affiliation?: string | null;
  /** Heading-like emphasis for people listed on their own (co-chairs, heads). */
  size?: 'sm' | 'md';
}

/** A person's name in the reader's script where they have one, the Latin name beside it, affiliation below. */
export function PersonName({ names, displayName, affiliation, size = 'md' }: Props) {
  useTranslation();
  const parts = personNameParts(names, displayName, currentLocale());
  return (
    <Box>
      <Text component="div" size={size} fw={550} className={classes.name}>
        {parts.local ? (
          <>
            <span lang={parts.local.lang}>{parts.local.text}</span>
            <span className={classes.latin} lang="en">
              {parts.latin}
            </span>
          </>
        ) : (
          <span lang="en">{parts.latin}</span>
        )}
      </Text>
      {affiliation ? (
        <Text size="sm" c="dimmed" lang={textLang(affiliation)} className={classes.affiliation}>
          {affiliation}
        </Text>
      ) : null}
    </Box>
  );
}
