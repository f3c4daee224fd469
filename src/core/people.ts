import { z } from 'zod';

/** A person's name in each script they write it in; `latin` is how they write it in English. */
export const ZPersonNames = z.object({
  latin: z.string().min(1).max(200).optional(),
  hangul: z.string().min(1).max(200).optional(),
  hanzi: z.string().min(1).max(200).optional(),
  kanji: z.string().min(1).max(200).optional(),
});
export type PersonNames = z.infer<typeof ZPersonNames>;
