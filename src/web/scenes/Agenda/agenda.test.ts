import { describe, expect, it } from 'vitest';
import { agendaCounts, anchoredItem, initialShow, itemAnchor, languageOptions, suggestedLang, visibleItems } from './agenda';

const items = [
  { number: 3, status: 'open' as const },
  { number: 1, status: 'closed' as const },
  { number: 2, status: 'open' as const },
  { number: 4, status: 'withdrawn' as const },
];

describe('the open agenda page', () => {
  it('links to an item by its number, and reads the number back from the address', () => {
    expect(itemAnchor(3)).toBe('item-3');
    expect(anchoredItem(`#${itemAnchor(12)}`)).toBe(12);
    expect(anchoredItem('#item-')).toBeNull();
    expect(anchoredItem('#attendance')).toBeNull();
    expect(anchoredItem('')).toBeNull();
  });

  it('lists open items by default, every item on request, in their numbers’ order', () => {
    expect(visibleItems(items, 'open').map((i) => i.number)).toEqual([2, 3]);
    expect(visibleItems(items, 'all').map((i) => i.number)).toEqual([1, 2, 3, 4]);
    expect(agendaCounts(items)).toEqual({ open: 2, total: 4 });
  });

  it('shows all items when the address points at one no longer open', () => {
    expect(initialShow(items, null)).toBe('open');
    expect(initialShow(items, 3)).toBe('open');
    expect(initialShow(items, 1)).toBe('all');
    expect(initialShow(items, 4)).toBe('all');
    // An item that is not (or not yet) listed changes nothing.
    expect(initialShow(items, 99)).toBe('open');
  });

  it('offers the four languages in their own scripts, and the item’s own when it is another', () => {
    expect(languageOptions('en').map((o) => o.value)).toEqual(['en', 'ko', 'zh', 'ja']);
    expect(languageOptions('en').find((o) => o.value === 'ja')?.label).toBe('日本語');
    expect(languageOptions('en', 'ko')).toHaveLength(4);
    const withFrench = languageOptions('en', 'fr');
    expect(withFrench.at(-1)).toEqual({ value: 'fr', label: 'French' });
  });

  it('suggests the language the script shows, Chinese for Chinese characters alone (#9)', () => {
    expect(suggestedLang('海上での偶発的衝突の防止', '', 'en')).toBe('ja');
    expect(suggestedLang('해상 사고 예방', '', 'en')).toBe('ko');
    expect(suggestedLang('Arctic shipping routes', '', 'ko')).toBe('en');
    expect(suggestedLang('海底电缆维修许可的简化', '', 'en')).toBe('zh');
    expect(suggestedLang('环境保护', '跨境空气污染', 'ko')).toBe('zh');
    expect(suggestedLang('海底電纜', '', 'ja')).toBe('ja');
    expect(suggestedLang('2027', '', 'ko')).toBe('ko');
    expect(suggestedLang('', '  ', 'en')).toBeUndefined();
  });
});
