import { Alert, Button, Fieldset, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateMeInput } from '../../../core/accounts';
import { LIMITS } from '../../../core/limits';
import { familyKey, NAME_SCRIPTS, type NameScript } from '../../../core/people';
import { updateMe, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale, isLocale, LANGUAGE_NAMES, UI_LOCALES } from '../../i18n';
import { useChangeLanguage } from '../../i18n/useChangeLanguage';
import { AccountSection } from './AccountScene';
import { profileChange, profileForm } from './profile-change';

function utcOffset(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    return (part?.value ?? '').replace('GMT', 'UTC') || 'UTC';
  } catch {
    return '';
  }
}

let zoneOptions: { value: string; label: string }[] | undefined;
/** Every IANA zone this browser knows, with its offset today: 'Asia/Seoul (UTC+09:00)'. */
function timeZoneOptions(): { value: string; label: string }[] {
  if (!zoneOptions) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const all = zones.includes('UTC') ? zones : [...zones, 'UTC'];
    zoneOptions = all.map((zone) => ({ value: zone, label: `${zone.replaceAll('_', ' ')} (${utcOffset(zone)})` }));
  }
  return zoneOptions;
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The language each spelling is written in, for the input's `lang` (fonts, spell checking, input methods). */
const SCRIPT_LANG: Record<NameScript, string> = { latin: 'en', hangul: 'ko', hanzi: 'zh', kanji: 'ja' };

export function ProfileSection() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [names, setNames] = useState(() => profileForm(me).names);
  const [affiliation, setAffiliation] = useState(me.affiliation ?? '');
  const namesHintId = useId();
  const changeLanguage = useChangeLanguage();
  const [timeZone, setTimeZone] = useState<string | null>(me.timeZone);
  const zones = timeZoneOptions();
  const detected = browserTimeZone();
  const knownZone = (zone: string | null) => Boolean(zone && zones.some((z) => z.value === zone));
  const options = timeZone && !knownZone(timeZone) ? [{ value: timeZone, label: timeZone }, ...zones] : zones;

  const change = profileChange(me, { displayName, names, affiliation, timeZone });
  const dirty = Object.keys(change).length > 0;
  const save = useMutation({ mutationFn: (patch: UpdateMeInput) => updateMe(queryClient, patch) });
  const spellingLabels: Record<NameScript, string> = {
    latin: t('account.nameLatin'),
    hangul: t('account.nameHangul'),
    hanzi: t('account.nameHanzi'),
    kanji: t('account.nameKanji'),
  };
  const familyLabels: Record<NameScript, string> = {
    latin: t('account.familyLatin'),
    hangul: t('account.familyHangul'),
    hanzi: t('account.familyHanzi'),
    kanji: t('account.familyKanji'),
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (displayName.trim() && dirty) save.mutate(change);
  };

  return (
    <AccountSection id="profile" title={t('account.profile')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
        <div>
          <Text component="dt" size="xs" c="dimmed">
            {t('common.email')}
          </Text>
          <Text component="dd" m={0} size="sm" lang="en">
            {me.email}
          </Text>
        </div>
        {me.memberCommittee ? (
          <div>
            <Text component="dt" size="xs" c="dimmed">
              {t('account.memberCommittee')}
            </Text>
            <Text component="dd" m={0} size="sm" lang="en">
              {me.memberCommittee.name}
            </Text>
          </div>
        ) : null}
      </SimpleGrid>
      <form onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('account.displayName')}
            required
            maxLength={LIMITS.nameMax}
            value={displayName}
            onChange={(e) => {
              setDisplayName(e.currentTarget.value);
              save.reset();
            }}
            error={!displayName.trim() ? t('errors.validation.failed') : undefined}
          />
          <TextInput
            label={t('account.affiliation')}
            placeholder={t('account.affiliationPlaceholder')}
            autoComplete="organization"
            maxLength={LIMITS.nameMax}
            value={affiliation}
            onChange={(e) => {
              setAffiliation(e.currentTarget.value);
              save.reset();
            }}
          />
        </SimpleGrid>
        <Fieldset
          variant="unstyled"
          mt="lg"
          mx={0}
          styles={{ legend: { marginBottom: 2 } }}
          aria-describedby={namesHintId}
          legend={
            <Text component="span" fw={600} size="sm">
              {t('account.namesTitle')}
            </Text>
          }
        >
          <Text id={namesHintId} size="xs" c="dimmed" mb="sm">
            {t('account.namesHint')} {t('account.familyHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {NAME_SCRIPTS.flatMap((script) =>
              ([script, familyKey(script)] as const).map((field) => (
                <TextInput
                  key={field}
                  label={field === script ? spellingLabels[script] : familyLabels[script]}
                  lang={SCRIPT_LANG[script]}
                  autoComplete="off"
                  maxLength={LIMITS.nameMax}
                  value={names[field]}
                  disabled={field !== script && !names[script].trim()}
                  data-testid={`name-${field}`}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setNames((prev) => ({ ...prev, [field]: value }));
                    save.reset();
                  }}
                />
              )),
            )}
          </SimpleGrid>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mt="lg">
          <Select
            label={t('account.language')}
            data={UI_LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            // Takes effect at once, like the switcher in the header, and is saved to the account.
            value={currentLocale()}
            onChange={(v) => {
              if (isLocale(v)) changeLanguage(v);
            }}
            allowDeselect={false}
            renderOption={({ option }) => <span lang={option.value}>{option.label}</span>}
          />
          <div>
            <Select
              label={t('account.timeZone')}
              description={t('account.timeZoneHint')}
              // The hint under the field keeps the field in line with the language beside it.
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              placeholder={t('account.timeZonePlaceholder')}
              data={options}
              value={timeZone}
              onChange={(v) => {
                setTimeZone(v);
                save.reset();
              }}
              searchable
              allowDeselect={false}
              clearable
              clearButtonProps={{ 'aria-label': t('account.timeZoneClear') }}
              nothingFoundMessage={t('common.none')}
              maxDropdownHeight={280}
              comboboxProps={{ shadow: 'md' }}
            />
            {detected && detected !== timeZone ? (
              <Button variant="subtle" size="compact-sm" fw={500} mt={6} px={4} onClick={() => setTimeZone(detected)}>
                {t('account.detectedZone', { zone: detected })}
              </Button>
            ) : null}
          </div>
        </SimpleGrid>
        {save.isError ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={save.error} />
          </div>
        ) : null}
        <Group mt="lg" gap="sm">
          <Button type="submit" disabled={!dirty || save.isPending || !displayName.trim()}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </Button>
          {save.isSuccess && !dirty ? (
            <Alert variant="transparent" color="green" p={0} role="status">
              {t('common.saved')}
            </Alert>
          ) : null}
        </Group>
      </form>
    </AccountSection>
  );
}
