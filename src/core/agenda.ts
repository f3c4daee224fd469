import { z } from 'zod';
import { ZVersionNumber } from './numbers';

/**
 * The open agenda (the proposal's 'Open' principle: any issue may be raised). An item is open
 * until the co-chairs close it (dealt with, merged into another, out of scope: with a reason)
 * or its proposer withdraws it; a closed or withdrawn item can be reopened by the co-chairs.
 * Numbers are never reused, so "item 4" in a report or a session keeps meaning one issue.
 */
export const AGENDA_ITEM_STATUSES = ['open', 'closed', 'withdrawn'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const AGENDA_TRANSITIONS = {
  close: { from: ['open'], to: 'closed', reason: true },
  withdraw: { from: ['open'], to: 'withdrawn', reason: false },
  reopen: { from: ['closed', 'withdrawn'], to: 'open', reason: false },
} as const satisfies Record<string, { from: readonly AgendaItemStatus[]; to: AgendaItemStatus; reason: boolean }>;
export type AgendaTransition = keyof typeof AGENDA_TRANSITIONS;

/** The language a text is written in: the UI's four and any other BCP 47 tag a participant uses. */
export const ZLang = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as en, ko, zh or ja.');

export const ZCreateAgendaItem = z
  .object({
    title: z.string().trim().min(3).max(300),
    description: z.string().trim().max(5000).nullable().optional(),
    /** Without it, the language is judged from the text (`detectTextLanguage`), the author's where the text cannot tell. */
    lang: ZLang.optional(),
  })
  .strict();
export type CreateAgendaItemInput = z.infer<typeof ZCreateAgendaItem>;

export const ZUpdateAgendaItem = ZCreateAgendaItem.partial()
  .extend({ version: ZVersionNumber })
  .strict();
export type UpdateAgendaItemInput = z.infer<typeof ZUpdateAgendaItem>;

export const ZAgendaTransition = z
  .object({
    transition: z.enum(['close', 'withdraw', 'reopen']),
    reason: z.string().trim().min(1).max(2000).optional(),
    version: ZVersionNumber,
  })
  .strict();

export const AGENDA_ITEM_ACTIONS = ['edit', 'close', 'withdraw', 'reopen'] as const;
export type AgendaItemAction = (typeof AGENDA_ITEM_ACTIONS)[number];

/**
 * What someone may do with one item: its proposer edits and withdraws it while it is open;
 * those who run the group's agenda edit, close and reopen any.
 */
export function agendaItemActions(item: { status: AgendaItemStatus; proposedBy: string | null }, viewer: { id: string; canManage: boolean; canPropose: boolean }): AgendaItemAction[] {
  const own = item.proposedBy !== null && item.proposedBy === viewer.id && viewer.canPropose;
  const out: AgendaItemAction[] = [];
  if (item.status === 'open' && (own || viewer.canManage)) out.push('edit');
  if (item.status === 'open' && viewer.canManage) out.push('close');
  if (item.status === 'open' && own) out.push('withdraw');
  if (item.status !== 'open' && viewer.canManage) out.push('reopen');
  return out;
}

const ZPersonRef = z.object({ id: z.uuid(), displayName: z.string(), names: z.record(z.string(), z.string()) });

/** An item as sessions and lists cite it. */
export const ZAgendaItemRef = z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), lang: z.string(), status: z.enum(AGENDA_ITEM_STATUSES) });
export type AgendaItemRef = z.infer<typeof ZAgendaItemRef>;

export const ZAgendaItemView = ZAgendaItemRef.extend({
  description: z.string().nullable(),
  statusReason: z.string().nullable(),
  proposedBy: ZPersonRef.nullable(),
  committee: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The sessions that take it up, meeting by meeting. */
  sessions: z.array(z.object({ meetingId: z.uuid(), meetingSequence: z.number().int(), sessionId: z.uuid(), title: z.string(), start: z.iso.datetime() })),
  allowedActions: z.array(z.enum(AGENDA_ITEM_ACTIONS)),
});
export type AgendaItemView = z.infer<typeof ZAgendaItemView>;

export const ZAgendaList = z.object({ items: z.array(ZAgendaItemView), canPropose: z.boolean() });
export type AgendaList = z.infer<typeof ZAgendaList>;
