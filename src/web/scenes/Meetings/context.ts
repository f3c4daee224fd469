import { useOutletContext } from 'react-router';
import type { MeetingDetail } from '../../../core/meetings';
import type { GroupOverview } from '../../../core/study-groups';

/** What a meeting's page hands to its tabs (timetable, attendance; materials and the report later). */
export interface MeetingContext {
  group: GroupOverview;
  meeting: MeetingDetail;
  /** The viewer plans this group's meetings (meetings.manage). */
  canManage: boolean;
}

export function useMeetingContext(): MeetingContext {
  return useOutletContext<MeetingContext>();
}

/** The group's members (everyone in the overview's lists), once each, for choosing chairs and speakers. */
export function groupPeople(group: GroupOverview) {
  const all = [
    ...group.coChairs.flatMap((c) => c.people),
    ...group.delegations.flatMap((d) => [...(d.head ? [d.head] : []), ...d.members]),
    ...group.observers,
    ...group.support,
  ];
  const byId = new Map(all.map((p) => [p.id, p]));
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
}
