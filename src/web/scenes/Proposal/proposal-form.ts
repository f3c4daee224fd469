import type { CharterText, Locale } from '../../../core/charter';
import { LIMITS } from '../../../core/limits';
import type { ProposalContent } from '../../../core/proposals';
import type { RichText } from '../../../core/rich-text';

/**
 * The proposal editor's state: the charter's texts by language, as rows the form can add,
 * remove and reorder, and what the proposal asks for (term, committees, meetings). Pure
 * functions turn it into the API's ProposalContent and check it first.
 */

let sequence = 0;
/** A key for a row in a list (React needs one that survives reordering). */
export const rowId = () => `row-${++sequence}`;

export interface PrincipleRow {
  id: string;
  key: string;
  name: string;
  text: RichText;
}
export interface ItemRow {
  id: string;
  text: string;
}
export interface TextForm {
  title: string;
  shortTitle: string;
  introduction: RichText;
  principles: PrincipleRow[];
  format: RichText;
  objectives: ItemRow[];
  anticipatedOutput: RichText;
  differsFromPrevious: RichText;
  keyQuestions: ItemRow[];
}
export interface MeetingRow {
  id: string;
  hostCommitteeId: string | null;
  city: string;
  /** 'YYYY-MM' or '' */
  plannedMonth: string;
}
export interface ProposalForm {
  authoritative: Locale;
  texts: Partial<Record<Locale, TextForm>>;
  termStart: string;
  termEnd: string;
  proposingCommitteeId: string | null;
  coChairCommitteeIds: string[];
  plannedMeetings: MeetingRow[];
}

export const TEXT_LIMITS = { title: 300, shortTitle: 200, principleName: 100, item: 5_000, principles: 20, objectives: 26, keyQuestions: 50, city: 100, note: 300 } as const;

export const emptyDoc = (): RichText => ({ type: 'doc', content: [] });

/** (a), (b), … as the seed labels its objectives. */
export const objectiveLabel = (index: number) => String.fromCharCode(97 + index);

export function emptyText(): TextForm {
  return {
    title: '',
    shortTitle: '',
    introduction: emptyDoc(),
    principles: [],
    format: emptyDoc(),
    objectives: [],
    anticipatedOutput: emptyDoc(),
    differsFromPrevious: emptyDoc(),
    keyQuestions: [],
  };
}

function textForm(text: CharterText): TextForm {
  return {
    title: text.title,
    shortTitle: text.shortTitle,
    introduction: text.introduction,
    principles: text.principles.map((p) => ({ id: rowId(), key: p.key, name: p.name, text: p.text })),
    format: text.format,
    objectives: text.objectives.map((o) => ({ id: rowId(), text: o.text })),
    anticipatedOutput: text.anticipatedOutput,
    differsFromPrevious: text.differsFromPrevious,
    keyQuestions: text.keyQuestions.map((q) => ({ id: rowId(), text: q.text })),
  };
}

/** A copy of another language's text to translate from, with fresh row keys. */
export function copyText(text: TextForm): TextForm {
  return {
    ...structuredClone(text),
    principles: text.principles.map((p) => ({ ...structuredClone(p), id: rowId() })),
    objectives: text.objectives.map((o) => ({ ...o, id: rowId() })),
    keyQuestions: text.keyQuestions.map((q) => ({ ...q, id: rowId() })),
  };
}

export function formFromContent(content: ProposalContent): ProposalForm {
  const texts: Partial<Record<Locale, TextForm>> = {};
  for (const [lang, text] of Object.entries(content.charter.texts) as [Locale, CharterText | undefined][]) {
    if (text) texts[lang] = textForm(text);
  }
  return {
    authoritative: content.charter.authoritative,
    texts,
    termStart: content.termStart,
    termEnd: content.termEnd,
    proposingCommitteeId: content.proposingCommitteeId,
    coChairCommitteeIds: [...content.coChairCommitteeIds],
    plannedMeetings: content.plannedMeetings.map((m) => ({ id: rowId(), hostCommitteeId: m.hostCommitteeId, city: m.city ?? '', plannedMonth: m.plannedMonth ?? '' })),
  };
}

export function blankForm(authoritative: Locale, proposingCommitteeId: string | null): ProposalForm {
  return {
    authoritative,
    texts: { [authoritative]: emptyText() },
    termStart: '',
    termEnd: '',
    proposingCommitteeId,
    coChairCommitteeIds: proposingCommitteeId ? [proposingCommitteeId] : [],
    plannedMeetings: [],
  };
}

/** A principle's stable key (shared by its translations): from its name, else its place. */
export function principleKey(name: string, index: number, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || `principle-${index + 1}`;
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}-${i}`;
  return key;
}

function charterText(text: TextForm): CharterText {
  const keys: string[] = [];
  return {
    title: text.title.trim(),
    shortTitle: text.shortTitle.trim(),
    introduction: text.introduction,
    principles: text.principles.map((p, i) => {
      const key = p.key && !keys.includes(p.key) ? p.key : principleKey(p.name, i, keys);
      keys.push(key);
      return { key, name: p.name.trim(), text: p.text };
    }),
    format: text.format,
    objectives: text.objectives.map((o, i) => ({ label: objectiveLabel(i), text: o.text.trim() })),
    anticipatedOutput: text.anticipatedOutput,
    differsFromPrevious: text.differsFromPrevious,
    keyQuestions: text.keyQuestions.map((q, i) => ({ number: i + 1, text: q.text.trim() })),
  };
}

/** What the API stores. Planned meetings with nothing filled in are left out. */
export function contentFromForm(form: ProposalForm): ProposalContent {
  const texts: ProposalContent['charter']['texts'] = {};
  for (const [lang, text] of Object.entries(form.texts) as [Locale, TextForm | undefined][]) {
    if (text) texts[lang] = charterText(text);
  }
  return {
    charter: { authoritative: form.authoritative, texts },
    termStart: form.termStart,
    termEnd: form.termEnd,
    proposingCommitteeId: form.proposingCommitteeId ?? '',
    coChairCommitteeIds: form.coChairCommitteeIds,
    plannedMeetings: form.plannedMeetings
      .filter((m) => m.hostCommitteeId || m.city.trim() || m.plannedMonth)
      .map((m) => ({ hostCommitteeId: m.hostCommitteeId, city: m.city.trim() || null, plannedMonth: m.plannedMonth || null })),
  };
}

/** A problem with a field, by its path in the form ('texts.ko.title', 'termEnd'), as an i18n key. */
export type FormProblem = 'required' | 'invalid' | 'termOrder' | 'coChairsRequired' | 'monthFormat' | 'dateFormat' | 'tooMany';
export type FormErrors = Record<string, FormProblem>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The form's own checks, before anything is sent: every problem, by field. */
export function validateForm(form: ProposalForm): FormErrors {
  const errors: FormErrors = {};
  for (const [lang, text] of Object.entries(form.texts) as [Locale, TextForm | undefined][]) {
    if (!text) continue;
    if (!text.title.trim()) errors[`texts.${lang}.title`] = 'required';
    if (!text.shortTitle.trim()) errors[`texts.${lang}.shortTitle`] = 'required';
    text.principles.forEach((p, i) => {
      if (!p.name.trim()) errors[`texts.${lang}.principles.${i}.name`] = 'required';
    });
    text.objectives.forEach((o, i) => {
      if (!o.text.trim()) errors[`texts.${lang}.objectives.${i}`] = 'required';
    });
    text.keyQuestions.forEach((q, i) => {
      if (!q.text.trim()) errors[`texts.${lang}.keyQuestions.${i}`] = 'required';
    });
  }
  if (!form.termStart) errors.termStart = 'required';
  else if (!DATE.test(form.termStart)) errors.termStart = 'dateFormat';
  if (!form.termEnd) errors.termEnd = 'required';
  else if (!DATE.test(form.termEnd)) errors.termEnd = 'dateFormat';
  else if (DATE.test(form.termStart) && form.termEnd < form.termStart) errors.termEnd = 'termOrder';
  if (!form.proposingCommitteeId) errors.proposingCommitteeId = 'required';
  if (form.coChairCommitteeIds.length === 0) errors.coChairCommitteeIds = 'coChairsRequired';
  else if (form.coChairCommitteeIds.length > LIMITS.coChairCommitteesMax) errors.coChairCommitteeIds = 'tooMany';
  form.plannedMeetings.forEach((m, i) => {
    if (m.plannedMonth && !MONTH.test(m.plannedMonth)) errors[`plannedMeetings.${i}.plannedMonth`] = 'monthFormat';
  });
  return errors;
}

/** The languages whose text has a problem (the editor shows one language at a time). */
export function languagesWithErrors(errors: FormErrors): Locale[] {
  const langs = new Set<Locale>();
  for (const path of Object.keys(errors)) {
    const m = /^texts\.(en|ko|zh|ja)\./.exec(path);
    if (m) langs.add(m[1] as Locale);
  }
  return [...langs];
}

/**
 * A server's field error path ('body.content.charter.texts.en.objectives.1.text') as the form's
 * ('texts.en.objectives.1'); null when it names nothing the form shows.
 */
export function formPathOf(serverPath: string): string | null {
  const p = serverPath.replace(/^body\.content\./, '').replace(/^charter\./, '');
  let m = /^texts\.(en|ko|zh|ja)\.(title|shortTitle)$/.exec(p);
  if (m) return p;
  m = /^texts\.(en|ko|zh|ja)\.(objectives|keyQuestions)\.(\d+)/.exec(p);
  if (m) return `texts.${m[1]}.${m[2]}.${m[3]}`;
  m = /^texts\.(en|ko|zh|ja)\.principles\.(\d+)/.exec(p);
  if (m) return `texts.${m[1]}.principles.${m[2]}.name`;
  m = /^(termStart|termEnd|proposingCommitteeId|coChairCommitteeIds)/.exec(p);
  if (m) return m[1] ?? null;
  m = /^plannedMeetings\.(\d+)\.plannedMonth/.exec(p);
  if (m) return `plannedMeetings.${m[1]}.plannedMonth`;
  return null;
}
