import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { useNow } from './useViewerZone';
import { allTimeZones, offsetLabel, zonePlace } from './zones';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (zone: string | null) => void;
  /** Listed first: the host's capital, the viewer's own zone. */
  suggested?: readonly (string | null | undefined)[];
  /** The moment offsets are shown for (the meeting's start), so that they are the ones in force then. */
  at?: Date | number | string | null;
}

/** A searchable list of every IANA zone: 'Seoul — Asia/Seoul (UTC+09:00)'; type a city or a region. */
export function TimeZoneSelect({ value, onChange, suggested = [], at, ...rest }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const when = at ? new Date(at).getTime() : now;
  // Every zone's label once per language and moment; the groups are cheap to rebuild.
  const options = useMemo(() => {
    const moment = when;
    return new Map(
      allTimeZones().map((zone) => {
        const place = zonePlace(zone, locale);
        const english = zonePlace(zone, 'en');
        const names = place === english ? place : `${place} ${english}`;
        return [zone, { value: zone, label: `${names} — ${zone} (${offsetLabel(moment, zone)})` }] as const;
      }),
    );
  }, [locale, when]);
  const first = [...new Set([...suggested, value].filter((z): z is string => Boolean(z)))];
  const option = (zone: string) => options.get(zone) ?? { value: zone, label: zone };
  const data = [
    ...(first.length ? [{ group: t('time.zone.suggested'), items: first.map(option) }] : []),
    { group: t('time.zone.all'), items: [...options.keys()].filter((z) => !first.includes(z)).map(option) },
  ];
  return <Select searchable data={data} value={value} onChange={onChange} limit={80} maxDropdownHeight={280} nothingFoundMessage={t('time.zone.none')} comboboxProps={{ withinPortal: true }} {...rest} />;
}
