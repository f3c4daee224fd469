import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLocale, LANGUAGE_NAMES, UI_LOCALES } from '../i18n';
import { useChangeLanguage } from '../i18n/useChangeLanguage';
import { CheckIcon, ChevronDownIcon, LanguageIcon } from './icons';

/** English / 한국어 / 中文 / 日本語, each written in its own script. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const change = useChangeLanguage();
  const current = i18n.resolvedLanguage ? currentLocale() : 'en';
  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          px={8}
          aria-label={t('language.change')}
          data-testid="language-switcher"
          leftSection={<LanguageIcon size={17} />}
          rightSection={<ChevronDownIcon size={14} />}
          styles={{ label: { fontWeight: 500 } }}
        >
          <span lang={current}>{LANGUAGE_NAMES[current]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {UI_LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            data-testid={`language-option-${locale}`}
            aria-current={locale === current ? 'true' : undefined}
            onClick={() => change(locale)}
            rightSection={locale === current ? <CheckIcon size={16} /> : null}
          >
            {LANGUAGE_NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
