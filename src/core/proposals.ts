import { z } from 'zod';
import { ZInt, ZVersionNumber } from './numbers';
import { ZCharter } from './charter';
import { LIMITS } from './limits';

export const ZPlainDate = z.iso.date();
export const ZPlannedMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM');

/** A meeting as a proposal plans it: a host, perhaps a city, perhaps a month. */
export const ZPlannedMeeting = z.object({
  hostCommitteeId: z.uuid().nullable(),
  city: z.string().trim().min(1).max(100).nullable(),
  plannedMonth: ZPlannedMonth.nullable(),
});

/**
 * What a proposal says, in the seed's own sections (the charter, in parallel languages) and
 * what it asks for: a term, the proposing and co-chairing committees, the planned meetings.
 */
export const ZProposalContent = z
  .object({
    charter: ZCharter,
    termStart: ZPlainDate,
    termEnd: ZPlainDate,
    proposingCommitteeId: z.uuid(),
    coChairCommitteeIds: z.array(z.uuid()).min(1).max(LIMITS.coChairCommitteesMax),
    plannedMeetings: z.array(ZPlannedMeeting).max(LIMITS.plannedMeetingsMax),
    /** The sub-region the group is about (e.g. northeast_asia): its member committees are 'in the region'. */
    region: z.string().regex(/^[a-z][a-z0-9_]*$/).max(64).nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.termEnd < p.termStart) ctx.addIssue({ code: 'custom', path: ['termEnd'], message: 'The term ends before it starts.' });
    if (new Set(p.coChairCommitteeIds).size !== p.coChairCommitteeIds.length) {
      ctx.addIssue({ code: 'custom', path: ['coChairCommitteeIds'], message: 'A committee is named twice.' });
    }
    if (!p.charter.texts[p.charter.authoritative]) {
      ctx.addIssue({ code: 'custom', path: ['charter', 'texts', p.charter.authoritative], message: 'The authoritative language has no text.' });
    }
  });
export type ProposalContent = z.infer<typeof ZProposalContent>;

export const ZCreateProposal = z.object({
  content: ZProposalContent,
  note: z.string().trim().max(300).optional(),
});

/** A new draft version; `baseVersion` is the version the editor started from (stale → 409). */
export const ZSaveProposal = z.object({
  content: ZProposalContent,
  note: z.string().trim().max(300).optional(),
  baseVersion: ZVersionNumber,
});

export const ZTransitionRequest = z.object({
  transition: z.enum(['submit', 'withdraw', 'approve', 'return', 'reject', 'activate', 'extend', 'begin_conclusion', 'conclude']),
  /** The numbered Steering Committee meeting that decided (approve, return, reject, extend). */
  scMeetingNumber: ZInt(1).optional(),
  reasons: z.string().trim().min(1).max(LIMITS.reasonsMax).optional(),
  /** For an extension: the new end of the term. */
  termEnd: ZPlainDate.optional(),
  /**
   * For concluding a group whose meetings are still planned or postponed: whether they are
   * cancelled (each with the group's conclusion as the reason, and everyone told) or kept.
   * Required then: calendar feeds would otherwise keep serving them as confirmed.
   */
  cancelMeetings: z.boolean().optional(),
});

export const ZVersionSummary = z.object({
  number: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
});

export const ZDecisionView = z.object({
  transition: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  scMeeting: z.object({ number: z.number().int(), heldOn: ZPlainDate, place: z.string() }).nullable(),
  reasons: z.string().nullable(),
  termEnd: ZPlainDate.nullable(),
  versionNumber: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime(),
});
export type DecisionView = z.infer<typeof ZDecisionView>;

export const ZReviewView = z.object({
  id: z.uuid(),
  versionNumber: z.number().int(),
  author: z.string().nullable(),
  body: z.string(),
  createdAt: z.iso.datetime(),
});

export const ZCreateReview = z.object({ body: z.string().trim().min(1).max(LIMITS.reviewMax) });

export const ZProposalView = z.object({
  slug: z.string(),
  status: z.string(),
  current: ZVersionSummary.extend({ content: ZProposalContent }),
  versions: z.array(ZVersionSummary),
  decisions: z.array(ZDecisionView),
  /** Present only for those who may read the Steering Committee's review. */
  reviews: z.array(ZReviewView).nullable(),
  allowedTransitions: z.array(z.string()),
  allowedActions: z.array(z.string()),
});
export type ProposalView = z.infer<typeof ZProposalView>;
