/**
 * The field names an audit event lists under `data.fields` (what a change touched), each
 * shown in words by the audit trail (`audit.fieldNames.<name>` in the catalogs).
 */
export const AUDIT_FIELD_NAMES = [
  // agenda.item_updated
  'title',
  'description',
  'lang',
  // meeting.updated (the meeting row's columns)
  'city',
  'venue',
  'timeZone',
  'format',
  'onlineUrl',
  'attribution',
  'hostCommitteeId',
  'startsAt',
  'endsAt',
  'plannedMonth',
  // user.updated
  'displayName',
  'affiliation',
  'locale',
  'names.latin',
  'names.hangul',
  'names.hanzi',
  'names.kanji',
] as const;
export type AuditFieldName = (typeof AUDIT_FIELD_NAMES)[number];
