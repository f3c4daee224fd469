import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { AUDIT_FIELD_NAMES } from '../../../core/audit';
import { catalogs } from '../../../core/i18n';
import { actionLabel, dataKeyLabel, fieldNameLabel } from './audit-words';

const tFor = async (lng: 'en' | 'ko' | 'zh' | 'ja') => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { translation: catalogs[lng] } }, interpolation: { escapeValue: false } });
  return i18n.t;
};

describe('the audit trail in words', () => {
  it('names every changed field in Korean, Chinese and Japanese, not as the server spells it (#9)', async () => {
    for (const lng of ['ko', 'zh', 'ja'] as const) {
      const t = await tFor(lng);
      expect(dataKeyLabel(t, 'fields'), lng).not.toBe('fields');
      for (const name of AUDIT_FIELD_NAMES) {
        const label = fieldNameLabel(t, name);
        expect(label, `${lng} ${name}`).not.toBe(name);
        expect(label, `${lng} ${name}`).not.toMatch(/[A-Za-z]{3}/);
      }
    }
    const ko = await tFor('ko');
    expect(dataKeyLabel(ko, 'fields')).toBe('변경 항목');
    expect(fieldNameLabel(ko, 'title')).toBe('제목');
    expect(fieldNameLabel(ko, 'names.hangul')).toBe('한글 이름');
  });

  it('falls back to the name itself for what the catalogs do not know', async () => {
    const t = await tFor('ja');
    expect(fieldNameLabel(t, 'someNewField')).toBe('someNewField');
    expect(actionLabel(t, 'something.new')).toBe('something.new');
    expect(fieldNameLabel(t, 'names')).toBe('names');
  });
});
