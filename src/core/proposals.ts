import { z } from 'zod';
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
