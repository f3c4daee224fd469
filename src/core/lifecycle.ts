import { z } from 'zod';
import type { StudyGroupStatus } from './roles';

/**
 * The study group's lifecycle (domain.md): a draft proposal is submitted to the Steering
 * Committee, which approves, returns for revision or rejects it; proposers may withdraw; an
 * approved group becomes active on its start date, may be extended, then concludes.
 */
export const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  reject: { from: ['submitted'], to: 'rejected' },
  activate: { from: ['approved'], to: 'active' },
  extend: { from: ['approved', 'active', 'concluding'], to: null },
  begin_conclusion: { from: ['active'], to: 'concluding' },
  conclude: { from: ['concluding'], to: 'concluded' },
} as const satisfies Record<string, { from: readonly StudyGroupStatus[]; to: StudyGroupStatus | null }>;

export type Transition = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];
export const ZTransition = z.enum(TRANSITION_NAMES as [Transition, ...Transition[]]);

/** Steering Committee decisions, recorded against a numbered SC meeting. */
export const SC_DECISIONS = ['approve', 'return', 'reject', 'extend'] as const satisfies readonly Transition[];
export type ScDecision = (typeof SC_DECISIONS)[number];

/** The transitions a group in this status may take, in a stable order. */
export function allowedTransitions(status: StudyGroupStatus): Transition[] {
  return TRANSITION_NAMES.filter((t) => (TRANSITIONS[t].from as readonly StudyGroupStatus[]).includes(status));
}

/** The status after a transition, or null when the transition is not allowed from `status`. */
export function nextStatus(status: StudyGroupStatus, transition: Transition): StudyGroupStatus | null {
  const t = TRANSITIONS[transition];
  if (!(t.from as readonly StudyGroupStatus[]).includes(status)) return null;
  return t.to ?? status;
}

/** A proposal can be edited (a new draft version) only before the SC has it, or after it came back. */
export const EDITABLE_STATUSES: readonly StudyGroupStatus[] = ['draft', 'returned'];
/** A group whose term is running or ending: its membership can change. */
export const MEMBERSHIP_OPEN_STATUSES: readonly StudyGroupStatus[] = ['approved', 'active', 'concluding'];
