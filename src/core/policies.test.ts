import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedTransitions, nextStatus, TRANSITION_NAMES } from './lifecycle';
import { allowedActions, can, GROUP_ACTIONS, GROUP_POLICY, PRINCIPALS, type Principal } from './policies';
import { STUDY_GROUP_STATUSES } from './roles';

const status = fc.constantFrom(...STUDY_GROUP_STATUSES);
const principals = fc.uniqueArray(fc.constantFrom(...PRINCIPALS), { maxLength: 4 }).map((a) => new Set<Principal>(a));

describe('the study-group lifecycle', () => {
  it('walks the proposal path of domain.md', () => {
    expect(allowedTransitions('draft')).toEqual(['submit', 'withdraw']);
    expect(allowedTransitions('submitted')).toEqual(['withdraw', 'approve', 'return', 'reject']);
    expect(allowedTransitions('returned')).toEqual(['submit', 'withdraw']);
    expect(allowedTransitions('approved')).toEqual(['activate', 'extend']);
    expect(allowedTransitions('active')).toEqual(['extend', 'begin_conclusion']);
    expect(allowedTransitions('concluding')).toEqual(['extend', 'conclude']);
    for (const end of ['rejected', 'withdrawn', 'concluded'] as const) expect(allowedTransitions(end)).toEqual([]);
  });

  it('allows exactly the transitions it lists, and an extension keeps the status', () => {
    fc.assert(
      fc.property(status, fc.constantFrom(...TRANSITION_NAMES), (s, t) => {
        const next = nextStatus(s, t);
        expect(next !== null).toBe(allowedTransitions(s).includes(t));
        if (t === 'extend' && next) expect(next).toBe(s);
      }),
    );
  });
});

describe('the role-and-action table', () => {
  it('offers a position only to a delegation head: an administrator heads no member committee', () => {
    const active = { status: 'active' as const, isSubGroup: false };
    expect(can(new Set<Principal>(['admin']), 'drafts.position', active)).toBe(false);
    expect(can(new Set<Principal>(['delegation_head']), 'drafts.position', active)).toBe(true);
    // The administrator still decides what the co-chairs decide.
    expect(can(new Set<Principal>(['admin']), 'drafts.decide', active)).toBe(true);
  });

  it('grants nothing outside an action’s statuses, and nothing to nobody', () => {
    fc.assert(
      fc.property(principals, status, fc.boolean(), (p, s, isSubGroup) => {
        for (const action of GROUP_ACTIONS) {
          const allowed = can(p, action, { status: s, isSubGroup });
          const statuses = GROUP_POLICY[action].statuses;
          if (statuses && !statuses.includes(s)) expect(allowed).toBe(false);
          if (p.size === 0) expect(allowed).toBe(false);
        }
        expect(allowedActions(p, { status: s, isSubGroup })).toEqual(GROUP_ACTIONS.filter((a) => can(p, a, { status: s, isSubGroup })));
      }),
    );
  });

  it('gives more to whoever holds more roles (no role takes a right away)', () => {
    fc.assert(
      fc.property(principals, principals, status, fc.boolean(), (a, b, s, isSubGroup) => {
        const both = new Set([...a, ...b]);
        for (const action of GROUP_ACTIONS) {
          if (can(a, action, { status: s, isSubGroup })) expect(can(both, action, { status: s, isSubGroup })).toBe(true);
        }
      }),
    );
  });

  it('lets observers see, answer meeting invitations, bring papers, raise agenda items and comment on drafts, and nothing more; takes no decision from the proposers', () => {
    const observer = new Set<Principal>(['observer']);
    for (const s of STUDY_GROUP_STATUSES) {
      const working = ['approved', 'active', 'concluding'].includes(s);
      const expected = s === 'draft' ? [] : ['group.view', ...(working ? ['meetings.attend'] : []), ...(working || s === 'concluded' ? ['materials.add'] : []), ...(working ? ['agenda.propose'] : []), 'drafts.view', ...(working ? ['drafts.comment'] : [])];
      expect(allowedActions(observer, { status: s, isSubGroup: false })).toEqual(expected);
      expect(can(new Set(['proposer']), 'proposal.decide', { status: s, isSubGroup: false })).toBe(false);
    }
  });

  it('keeps a draft between its proposers and the secretariat', () => {
    const draft = { status: 'draft' as const, isSubGroup: false };
    expect(can(new Set(['proposer']), 'group.view', draft)).toBe(true);
    expect(can(new Set(['council_secretariat']), 'group.view', draft)).toBe(true);
    expect(can(new Set(['sc_member']), 'group.view', draft)).toBe(false);
    expect(can(new Set(['sc_member']), 'group.view', { ...draft, status: 'submitted' })).toBe(true);
  });

  it('shows a sub-group to its members and the parent’s co-chairs, not to the Steering Committee', () => {
    const sub = { status: 'active' as const, isSubGroup: true };
    expect(can(new Set(['parent_co_chair']), 'group.view', sub)).toBe(true);
    expect(can(new Set(['member']), 'group.view', sub)).toBe(true);
    expect(can(new Set(['sc_co_chair', 'sc_member']), 'group.view', sub)).toBe(false);
    expect(can(new Set(['co_chair']), 'subgroup.create', sub)).toBe(false);
  });
});
