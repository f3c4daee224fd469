import { describe, expect, it } from 'vitest';
import { ZUpdateMe } from '../../../core/accounts';
import { profileChange, profileForm } from './profile-change';

const me = { displayName: 'Kim Min-jun', names: { latin: 'Kim Min-jun', hangul: '김민준' }, affiliation: 'Sejong Institute', timeZone: 'Asia/Seoul' };

describe('the profile form’s change', () => {
  it('is empty when nothing differs, whitespace included', () => {
    const form = profileForm(me);
    expect(profileChange(me, form)).toEqual({});
    expect(profileChange(me, { ...form, displayName: ' Kim Min-jun ', names: { ...form.names, hangul: '김민준 ' } })).toEqual({});
  });

  it('sends only the spellings that changed, an emptied one as ""', () => {
    const form = profileForm(me);
    const change = profileChange(me, { ...form, names: { ...form.names, hangul: '', kanji: ' 金敏俊 ' } });
    expect(change).toEqual({ names: { hangul: '', kanji: '金敏俊' } });
    expect(ZUpdateMe.parse(change)).toEqual({ names: { hangul: null, kanji: '金敏俊' } });
  });

  it('sends a family name with its spelling, under its own key', () => {
    const form = profileForm(me);
    expect(form.names).toMatchObject({ kanji: '', kanjiFamily: '', hangulFamily: '' });
    const change = profileChange(me, { ...form, names: { ...form.names, kanji: '佐々木健太', kanjiFamily: ' 佐々木', hangulFamily: '김' } });
    expect(change).toEqual({ names: { kanji: '佐々木健太', kanjiFamily: '佐々木', hangulFamily: '김' } });
    expect(ZUpdateMe.safeParse(change).success).toBe(true);
  });

  it('clears the affiliation and the time zone with null', () => {
    const change = profileChange(me, { ...profileForm(me), affiliation: '  ', timeZone: null });
    expect(change).toEqual({ affiliation: null, timeZone: null });
    expect(ZUpdateMe.safeParse(change).success).toBe(true);
  });
});
