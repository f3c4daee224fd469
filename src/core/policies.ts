import type { StudyGroupStatus } from './roles';
import { GROUP_ROLES, type GroupRole } from './roles';

/**
 * Who someone is with respect to one study group. Council roles come from the group's
 * council; `proposer` is the person who drafted the proposal or the Steering Committee member
 * of the proposing committee; `parent_co_chair` co-chairs the group a sub-group belongs to.
 */
export type Principal = 'admin' | 'council_secretariat' | 'sc_co_chair' | 'sc_member' | 'proposer' | 'parent_co_chair' | GroupRole;

export const PRINCIPALS: readonly Principal[] = ['admin', 'council_secretariat', 'sc_co_chair', 'sc_member', 'proposer', 'parent_co_chair', ...GROUP_ROLES];

export const GROUP_ACTIONS = [
  'group.view',
  'proposal.edit',
  'proposal.submit',
  'proposal.withdraw',
  'proposal.review',
  'reviews.view',
  'proposal.decide',
  'group.activate',
  'group.extend',
  'group.conclude',
  'members.invite',
  'members.manage',
  'subgroup.create',
  'followon.create',
  'audit.view',
  'meetings.manage',
  'meetings.attend',
  'materials.add',
  'report.write',
  'report.approve',
  'agenda.propose',
  'agenda.manage',
  'drafts.view',
  'drafts.create',
  'drafts.edit',
  'drafts.comment',
  'drafts.amend',
  'drafts.decide',
  'drafts.position',
] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];

const PARTICIPANTS: readonly Principal[] = GROUP_ROLES;
const COUNCIL: readonly Principal[] = ['admin', 'council_secretariat', 'sc_co_chair', 'sc_member'];
const BEFORE_SC: readonly StudyGroupStatus[] = ['draft'];
const WORKING: readonly StudyGroupStatus[] = ['approved', 'active', 'concluding'];
/** Who writes the group's recommendations (issue #5): every participant but observers and the Delphi facilitator. */
const DRAFTERS: readonly Principal[] = ['admin', 'co_chair', 'delegation_head', 'member', 'rapporteur', 'secretariat'];

interface Rule {
  /** Who may, in any status the rule allows. */
  who: readonly Principal[];
  /** The statuses in which the action makes sense at all; absent means every status. */
  statuses?: readonly StudyGroupStatus[];
  /** Narrower lists for some statuses (a draft is seen by its proposers and the secretariat only). */
  byStatus?: Partial<Record<StudyGroupStatus, readonly Principal[]>>;
  /** A narrower list for sub-groups: the parent's co-chairs and the sub-group's own members. */
  subGroup?: readonly Principal[];
}

/**
 * The one role-and-action table. The server's routes, the collaboration server and the UI
 * all ask `can()`, so a role's reach is decided here and only here.
 */
export const GROUP_POLICY: Record<GroupAction, Rule> = {
  'group.view': {
    who: [...COUNCIL, 'proposer', 'parent_co_chair', ...PARTICIPANTS],
    byStatus: Object.fromEntries(BEFORE_SC.map((s) => [s, ['admin', 'council_secretariat', 'proposer']])),
    subGroup: ['admin', 'council_secretariat', 'parent_co_chair', ...PARTICIPANTS],
  },
  'proposal.edit': { who: ['proposer'], statuses: ['draft', 'returned'] },
  'proposal.submit': { who: ['proposer'], statuses: ['draft', 'returned'] },
  'proposal.withdraw': { who: ['proposer'], statuses: ['draft', 'submitted', 'returned'] },
  'proposal.review': { who: ['admin', 'council_secretariat', 'sc_co_chair', 'sc_member', 'proposer'], statuses: ['submitted', 'returned'] },
  // Review comments are seen by the Steering Committee and the proposers, whatever came after.
  'reviews.view': { who: ['admin', 'council_secretariat', 'sc_co_chair', 'sc_member', 'proposer'], subGroup: [] },
  'proposal.decide': { who: ['admin', 'council_secretariat', 'sc_co_chair'], statuses: ['submitted'] },
  'group.activate': { who: ['admin', 'council_secretariat'], statuses: ['approved'] },
  'group.extend': { who: ['admin', 'council_secretariat', 'sc_co_chair'], statuses: ['approved', 'active', 'concluding'] },
  'group.conclude': { who: ['admin', 'council_secretariat', 'co_chair'], statuses: ['active', 'concluding'] },
  'members.invite': {
    who: ['admin', 'council_secretariat', 'co_chair', 'secretariat'],
    statuses: ['approved', 'active', 'concluding'],
    subGroup: ['admin', 'council_secretariat', 'parent_co_chair', 'co_chair'],
  },
  'members.manage': {
    who: ['admin', 'council_secretariat', 'co_chair', 'secretariat'],
    statuses: ['approved', 'active', 'concluding', 'concluded'],
    subGroup: ['admin', 'council_secretariat', 'parent_co_chair', 'co_chair'],
  },
  'subgroup.create': { who: ['admin', 'co_chair'], statuses: ['active'], subGroup: [] },
  'followon.create': { who: ['admin', 'council_secretariat', 'co_chair', 'delegation_head'], statuses: ['concluding', 'concluded'], subGroup: [] },
  'audit.view': { who: ['admin', 'council_secretariat', 'co_chair', 'secretariat'], subGroup: ['admin', 'council_secretariat', 'parent_co_chair', 'co_chair'] },
  // Meetings (issue #4): the co-chairs and the secretariat plan them; participants answer and bring papers.
  'meetings.manage': {
    who: ['admin', 'council_secretariat', 'co_chair', 'secretariat'],
    statuses: ['approved', 'active', 'concluding'],
    subGroup: ['admin', 'council_secretariat', 'parent_co_chair', 'co_chair', 'secretariat'],
  },
  'meetings.attend': { who: PARTICIPANTS, statuses: ['approved', 'active', 'concluding'] },
  'materials.add': { who: ['admin', 'council_secretariat', 'parent_co_chair', ...PARTICIPANTS], statuses: ['approved', 'active', 'concluding', 'concluded'] },
  // The rapporteur writes the Co-Chairs' Report; the co-chairs, who sign it, circulate it and make it final.
  'report.write': { who: ['admin', 'rapporteur', 'co_chair', 'secretariat'], statuses: ['active', 'concluding', 'concluded'] },
  'report.approve': { who: ['admin', 'co_chair'], statuses: ['active', 'concluding', 'concluded'] },
  // The open agenda: any participant, observers included (the 'Plus' invitees may propose), raises an issue;
  // the co-chairs and the secretariat keep the agenda (close, reopen, edit any item).
  'agenda.propose': { who: ['admin', ...PARTICIPANTS], statuses: ['approved', 'active', 'concluding'] },
  'agenda.manage': {
    who: ['admin', 'council_secretariat', 'co_chair', 'secretariat'],
    statuses: ['approved', 'active', 'concluding'],
    subGroup: ['admin', 'council_secretariat', 'parent_co_chair', 'co_chair', 'secretariat'],
  },
  // Live drafts of recommendations (issue #5): read by everyone who sees the group's content, written
  // together by its participants; observers (the 'Plus' invitees) comment but do not edit.
  'drafts.view': {
    who: [...COUNCIL, 'proposer', 'parent_co_chair', ...PARTICIPANTS],
    byStatus: Object.fromEntries(BEFORE_SC.map((s) => [s, ['admin', 'council_secretariat', 'proposer']])),
    subGroup: ['admin', 'council_secretariat', 'parent_co_chair', ...PARTICIPANTS],
  },
  'drafts.create': { who: DRAFTERS, statuses: WORKING },
  'drafts.edit': { who: DRAFTERS, statuses: WORKING },
  'drafts.comment': { who: [...DRAFTERS, 'observer'], statuses: WORKING },
  // Amendments are proposed by participants on behalf of their delegation; the co-chairs decide them,
  // name versions, run silence and declare each recommendation's outcome; delegation heads state positions.
  'drafts.amend': { who: DRAFTERS, statuses: WORKING },
  'drafts.decide': { who: ['admin', 'co_chair'], statuses: WORKING },
  // A position is a member committee's, stated by its head: an administrator, who heads none, takes none.
  'drafts.position': { who: ['delegation_head'], statuses: WORKING },
};

export interface GroupFacts {
  status: StudyGroupStatus;
  isSubGroup: boolean;
}

/** Whether someone holding `principals` may take `action` on a group in its present state. */
export function can(principals: ReadonlySet<Principal>, action: GroupAction, group: GroupFacts): boolean {
  const rule = GROUP_POLICY[action];
  if (rule.statuses && !rule.statuses.includes(group.status)) return false;
  const who = (group.isSubGroup ? rule.subGroup : undefined) ?? rule.byStatus?.[group.status] ?? rule.who;
  return who.some((p) => principals.has(p));
}

/** Every action the principals may take now: sent with each group so the UI shows only those. */
export function allowedActions(principals: ReadonlySet<Principal>, group: GroupFacts): GroupAction[] {
  return GROUP_ACTIONS.filter((a) => can(principals, a, group));
}

/** Council-wide actions: the secretariat keeps the council's records. */
export const COUNCIL_ACTIONS = ['council.manage', 'proposal.create'] as const;
export type CouncilAction = (typeof COUNCIL_ACTIONS)[number];
export type CouncilPrincipal = 'admin' | 'council_secretariat' | 'sc_co_chair' | 'sc_member' | 'committee_member';

export const COUNCIL_POLICY: Record<CouncilAction, readonly CouncilPrincipal[]> = {
  'council.manage': ['admin', 'council_secretariat'],
  // A member committee's representative (its SC member) proposes; the secretariat may enter one for it.
  'proposal.create': ['admin', 'council_secretariat', 'sc_co_chair', 'sc_member'],
};

export function canInCouncil(principals: ReadonlySet<CouncilPrincipal>, action: CouncilAction): boolean {
  return COUNCIL_POLICY[action].some((p) => principals.has(p));
}
