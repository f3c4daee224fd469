import type { UpdateMeInput } from '../../../core/accounts';
import { FAMILY_KEYS, NAME_SCRIPTS, type FamilyKey, type NameScript, type PersonNames } from '../../../core/people';

/** The form's name fields: each script's spelling and its family name. */
const NAME_FIELDS = [...NAME_SCRIPTS, ...FAMILY_KEYS];

export interface ProfileForm {
  displayName: string;
  names: Record<NameScript | FamilyKey, string>;
  affiliation: string;
  timeZone: string | null;
}

/** The form's fields for a saved profile: each spelling and family name as text, '' where there is none. */
export function profileForm(me: { displayName: string; names: PersonNames; affiliation: string | null; timeZone: string | null }): ProfileForm {
  return {
    displayName: me.displayName,
    names: Object.fromEntries(NAME_FIELDS.map((s) => [s, me.names[s] ?? ''])) as Record<NameScript | FamilyKey, string>,
    affiliation: me.affiliation ?? '',
    timeZone: me.timeZone,
  };
}

/** What the form changes, compared with the saved profile: only the fields that differ, trimmed. */
export function profileChange(me: { displayName: string; names: PersonNames; affiliation: string | null; timeZone: string | null }, form: ProfileForm): UpdateMeInput {
  const names = Object.fromEntries(NAME_FIELDS.filter((s) => form.names[s].trim() !== (me.names[s] ?? '')).map((s) => [s, form.names[s].trim()]));
  return {
    ...(form.displayName.trim() !== me.displayName ? { displayName: form.displayName.trim() } : {}),
    // An emptied spelling is sent as '': the server removes it.
    ...(Object.keys(names).length > 0 ? { names } : {}),
    ...(form.affiliation.trim() !== (me.affiliation ?? '') ? { affiliation: form.affiliation.trim() || null } : {}),
    ...(form.timeZone !== me.timeZone ? { timeZone: form.timeZone } : {}),
  };
}
