import { useOutletContext } from 'react-router';
import type { GroupOverview } from '../../../core/study-groups';
import type { GroupLineage } from '../../api/queries';

/** What the group's frame hands to each of its pages (overview, members, timeline, …). */
export interface GroupContext {
  group: GroupOverview;
  /** Related groups the viewer may see; undefined while loading or when it failed. */
  lineage: GroupLineage | undefined;
  /** Whether this group is a sub-group (as far as the viewer can tell: its parent is visible). */
  isSubGroup: boolean;
}

export function useGroupContext(): GroupContext {
  return useOutletContext<GroupContext>();
}

/** The group's title in the UI language when the charter has one, with the language it is in. */
export function localTitle(group: Pick<GroupOverview, 'title' | 'titles' | 'charter'>, locale: string): { text: string; lang: string; translated: boolean } {
  const local = group.titles[locale];
  return local ? { text: local, lang: locale, translated: true } : { text: group.title, lang: group.charter.authoritative, translated: false };
}
