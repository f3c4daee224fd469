import { z } from 'zod';

/** The UI and content languages Accord supports; English is the working language. */
export const LOCALES = ['en', 'ko', 'zh', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const ZLocale = z.enum(LOCALES);

const ZParagraphs = z.array(z.string().min(1).max(20_000)).max(100);

/**
 * One language's text of a study group's charter, in the sections of a CSCAP study-group
 * proposal. Paragraph arrays keep the proposal's own paragraphing.
 */
export const ZCharterText = z.object({
  title: z.string().min(1).max(300),
  shortTitle: z.string().min(1).max(200),
  introduction: ZParagraphs,
  principles: z
    .array(z.object({ key: z.string().min(1).max(40), name: z.string().min(1).max(100), text: z.string().min(1).max(20_000) }))
    .max(20),
  format: ZParagraphs,
  objectives: z.array(z.object({ label: z.string().min(1).max(10), text: z.string().min(1).max(5_000) })).max(26),
  anticipatedOutput: ZParagraphs,
  differsFromPrevious: ZParagraphs,
  keyQuestions: z.array(z.object({ number: z.number().int().min(1), text: z.string().min(1).max(5_000) })).max(50),
});
export type CharterText = z.infer<typeof ZCharterText>;

/**
 * A charter in parallel languages: `authoritative` names the language whose text governs;
 * the others are translations shown beside it.
 */
export const ZCharter = z.object({
  authoritative: ZLocale,
  texts: z.object({
    en: ZCharterText.optional(),
    ko: ZCharterText.optional(),
    zh: ZCharterText.optional(),
    ja: ZCharterText.optional(),
  }),
});
export type Charter = z.infer<typeof ZCharter>;
