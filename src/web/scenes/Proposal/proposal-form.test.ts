import { describe, expect, it } from 'vitest';
import { ZProposalContent, type ProposalContent } from '../../../core/proposals';
import { seedCharterTexts } from '../../../server/db/seed/charter';
import { blankForm, contentFromForm, copyText, formFromContent, formPathOf, languagesWithErrors, rowId, validateForm } from './proposal-form';

const KR = '0b6a8f5e-2d4c-4c1e-9f59-4f3f5b2a0001';
const CN = '0b6a8f5e-2d4c-4c1e-9f59-4f3f5b2a0002';

const seedContent: ProposalContent = {
  charter: { authoritative: 'en', texts: seedCharterTexts },
  termStart: '2019-09-01',
  termEnd: '2021-08-31',
  proposingCommitteeId: KR,
  coChairCommitteeIds: [KR, CN],
  plannedMeetings: [{ hostCommitteeId: KR, city: 'Seoul', plannedMonth: '2019-10' }, { hostCommitteeId: CN, city: null, plannedMonth: null }],
};

describe('the proposal form', () => {
  it('gives back the seed proposal exactly as it took it', () => {
    const content = contentFromForm(formFromContent(seedContent));
    expect(content).toEqual(seedContent);
    expect(ZProposalContent.safeParse(content).success).toBe(true);
  });

  it('labels objectives (a), (b)… and numbers key questions 1, 2… in their order', () => {
    const form = formFromContent(seedContent);
    const en = form.texts.en;
    if (!en) throw new Error('no English text');
    en.objectives.reverse();
    en.keyQuestions = [...en.keyQuestions.slice(1), { id: rowId(), text: '  A new question  ' }];
    const text = contentFromForm(form).charter.texts.en;
    expect(text?.objectives.map((o) => o.label)).toEqual(['a', 'b', 'c', 'd']);
    expect(text?.objectives[0]?.text).toBe(seedCharterTexts.en.objectives[3]?.text);
    expect(text?.keyQuestions.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(text?.keyQuestions[2]?.text).toBe('A new question');
  });

  it('gives a new principle a key from its name, unique in the text', () => {
    const form = formFromContent(seedContent);
    const en = form.texts.en;
    if (!en) throw new Error('no English text');
    en.principles.push({ id: rowId(), key: '', name: 'Open', text: { type: 'doc', content: [] } }, { id: rowId(), key: '', name: '', text: { type: 'doc', content: [] } });
    const keys = contentFromForm(form).charter.texts.en?.principles.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys?.length);
    expect(keys?.slice(-2)).toEqual(['open-2', 'principle-4']);
  });

  it('leaves out planned meetings with nothing filled in', () => {
    const form = formFromContent(seedContent);
    form.plannedMeetings.push({ id: rowId(), hostCommitteeId: null, city: ' ', plannedMonth: '' });
    expect(contentFromForm(form).plannedMeetings).toHaveLength(2);
  });

  it('finds every problem before anything is sent, by field and language', () => {
    const form = blankForm('en', null);
    form.termStart = '2027-09-01';
    form.termEnd = '2027-08-31';
    form.coChairCommitteeIds = [];
    const ko = copyText(formFromContent(seedContent).texts.ko ?? blankForm('ko', null).texts.ko!);
    ko.title = ' ';
    form.texts.ko = ko;
    form.plannedMeetings.push({ id: rowId(), hostCommitteeId: null, city: '', plannedMonth: '2027-13' });
    const errors = validateForm(form);
    expect(errors).toMatchObject({
      'texts.en.title': 'required',
      'texts.en.shortTitle': 'required',
      'texts.ko.title': 'required',
      termEnd: 'termOrder',
      proposingCommitteeId: 'required',
      coChairCommitteeIds: 'coChairsRequired',
      'plannedMeetings.0.plannedMonth': 'monthFormat',
    });
    expect(languagesWithErrors(errors).sort()).toEqual(['en', 'ko']);
  });

  it('reads the API’s field paths as the form’s', () => {
    expect(formPathOf('body.content.charter.texts.ja.title')).toBe('texts.ja.title');
    expect(formPathOf('body.content.charter.texts.en.objectives.2.text')).toBe('texts.en.objectives.2');
    expect(formPathOf('body.content.charter.texts.en.principles.0.name')).toBe('texts.en.principles.0.name');
    expect(formPathOf('body.content.termEnd')).toBe('termEnd');
    expect(formPathOf('body.content.charter.texts.en.introduction.content.0')).toBeNull();
  });
});
