import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { CommitteeView } from '../../../core/council';
import type { GroupRole } from '../../../core/roles';
import type { CommitteeRef, GroupOverview } from '../../../core/study-groups';

/** The member committees taking part in a group (delegations, co-chairs, observers, support), by name. */
export function groupCommittees(group: GroupOverview): CommitteeRef[] {
  const all = [
    ...group.coChairCommittees,
    ...group.coChairs.map((c) => c.committee),
    ...group.delegations.map((d) => d.committee),
    ...[...group.observers, ...group.support].flatMap((p) => (p.committee ? [p.committee] : [])),
  ];
  const byCode = new Map<string, CommitteeRef>();
  for (const c of all) if (!byCode.has(c.code)) byCode.set(c.code, { id: c.id, code: c.code, name: c.name });
  return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The delegations a role may be given for, as grouped select options: a co-chair comes from
 * a co-chairing committee; other roles from those already in the group first, then the rest
 * of the council's member committees.
 */
export function delegationOptions(t: TFunction, group: GroupOverview, role: GroupRole | null, council: CommitteeView[] | undefined): (ComboboxItem | ComboboxItemGroup<ComboboxItem>)[] {
  const option = (c: { code: string; name: string }): ComboboxItem => ({ value: c.code, label: c.name });
  if (role === 'co_chair' && group.coChairCommittees.length) return group.coChairCommittees.map(option);
  const inGroup = groupCommittees(group);
  const codes = new Set(inGroup.map((c) => c.code));
  const others = (council ?? []).filter((c) => !codes.has(c.code) && c.membershipType !== null).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const groups: ComboboxItemGroup<ComboboxItem>[] = [];
  if (inGroup.length) groups.push({ group: t('members.inThisGroup'), items: inGroup.map(option) });
  if (others.length) groups.push({ group: t('members.otherCommittees', { council: group.council.acronym }), items: others.map(option) });
  return groups;
}
