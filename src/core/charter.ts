import { z } from 'zod';
import { ZInt } from './numbers';
import { docFromParagraphs, ZRichText } from './rich-text';

/** The UI and content languages Accord supports; English is the working language. */
export const LOCALES = ['en', 'ko', 'zh', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const ZLocale = z.enum(LOCALES);


/**
 * One language's text of a study group's charter, in the sections of a CSCAP study-group
 * proposal: the narrative sections in rich text, objectives and key questions as lists.
 */
export const ZCharterText = z.object({
  title: z.string().min(1).max(300),
  shortTitle: z.string().min(1).max(200),
  introduction: ZRichText,
  principles: z.array(z.object({ key: z.string().min(1).max(40), name: z.string().min(1).max(100), text: ZRichText })).max(20),
  format: ZRichText,
  objectives: z.array(z.object({ label: z.string().min(1).max(10), text: z.string().min(1).max(5_000) })).max(26),
  anticipatedOutput: ZRichText,
  differsFromPrevious: ZRichText,
  keyQuestions: z.array(z.object({ number: ZInt(1, 1000), text: z.string().min(1).max(5_000) })).max(50),
});
export type CharterText = z.infer<typeof ZCharterText>;

/** A charter text whose narrative sections are plain paragraphs, as a seed or an import gives them. */
export interface PlainCharterText {
  title: string;
  shortTitle: string;
  introduction: string[];
  principles: { key: string; name: string; text: string }[];
  format: string[];
  objectives: { label: string; text: string }[];
  anticipatedOutput: string[];
  differsFromPrevious: string[];
  keyQuestions: { number: number; text: string }[];
}

/** Turns plain paragraphs into the rich-text form the editor and the pages use. */
export function charterTextFromPlain(p: PlainCharterText): CharterText {
  return {
    ...p,
    introduction: docFromParagraphs(p.introduction),
    principles: p.principles.map((x) => ({ ...x, text: docFromParagraphs([x.text]) })),
    format: docFromParagraphs(p.format),
    anticipatedOutput: docFromParagraphs(p.anticipatedOutput),
    differsFromPrevious: docFromParagraphs(p.differsFromPrevious),
  };
}

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
