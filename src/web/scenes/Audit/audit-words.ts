import type { TFunction } from 'i18next';
import { catalogs } from '../../../core/i18n';

/** Whether the catalogs hold a message (not a group of messages) under this key. */
function hasText(key: string): boolean {
  let node: unknown = catalogs.en;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

const inWords = (t: TFunction, key: string, raw: string) => (hasText(key) ? t(key as 'audit.title') : raw);

/** An action in words where the catalog has them ('Proposal approved by the Steering Committee'), else its name. */
export const actionLabel = (t: TFunction, action: string): string => inWords(t, `audit.actions.${action}`, action);

/** The label of a key of an event's data ('committee' → 'delegation'), else the key. */
export const dataKeyLabel = (t: TFunction, key: string): string => inWords(t, `audit.fields.${key}`, key);

/** A field an event says was changed ('title', 'startsAt', 'names.hangul'), in words where the catalog has them, else its name. */
export const fieldNameLabel = (t: TFunction, name: string): string => inWords(t, `audit.fieldNames.${name}`, name);
