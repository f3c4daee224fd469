import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AGENDA_TRANSITIONS } from '../agenda';
import { AUDIT_FIELD_NAMES } from '../audit';
import { AMENDMENT_STATUSES } from '../drafts';
import { ERROR_CODES } from '../errors';
import { MEETING_TRANSITIONS } from '../meetings';
import { COMMITTEE_MEMBERSHIP_TYPES, COUNCIL_ROLES, GROUP_ROLES, MEETING_STATUSES, STUDY_GROUP_STATUSES } from '../roles';
import { catalogs, parseAcceptLanguage, pickLocale } from './index';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const en = flatten(catalogs.en as unknown as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
// Values that are the same in every language: the product's name and acronyms.
const SAME_EVERYWHERE = new Set(['app.name']);

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

describe('translation catalogs', () => {
  for (const locale of ['ko', 'zh', 'ja'] as const) {
    const catalog = flatten(catalogs[locale] as unknown as Tree);
    it(`${locale} has every key of en, and no other`, () => {
      expect([...catalog.keys()].filter((k) => !en.has(k))).toEqual([]);
      expect([...en.keys()].filter((k) => !catalog.has(k))).toEqual([]);
    });
    it(`${locale} keeps every placeholder`, () => {
      const wrong = [...en].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(catalog.get(k) ?? '')));
      expect(wrong.map(([k]) => k)).toEqual([]);
    });
    it(`${locale} is translated, not English left in place`, () => {
      const untranslated = [...en].filter(([k, v]) => !SAME_EVERYWHERE.has(k) && /[A-Za-z]{3}/.test(v) && catalog.get(k) === v);
      expect(untranslated.map(([k]) => k)).toEqual([]);
    });
  }

  it('has a message for every error code, status, role and membership type', () => {
    const needed = [
      ...Object.keys(ERROR_CODES).map((c) => `errors.${c}`),
      ...AUDIT_FIELD_NAMES.map((f) => `audit.fieldNames.${f}`),
      ...STUDY_GROUP_STATUSES.map((s) => `status.${s}`),
      ...MEETING_STATUSES.map((s) => `meetingStatus.${s}`),
      ...GROUP_ROLES.map((r) => `roles.${r}`),
      ...COUNCIL_ROLES.map((r) => `roles.${r}`),
      ...COMMITTEE_MEMBERSHIP_TYPES.map((m) => `membershipType.${m}`),
    ];
    expect(needed.filter((k) => !en.has(k))).toEqual([]);
  });

  it('has words for every action a group’s audit trail shows', () => {
    // Every audit event written with a group: literal names, and the names built from steps.
    const actions = new Set<string>([
      ...Object.keys(MEETING_TRANSITIONS).map((t) => `meeting.${t}`),
      ...Object.values(AGENDA_TRANSITIONS).map((t) => `agenda.item_${t.to}`),
      ...AMENDMENT_STATUSES.filter((s) => s !== 'open').map((s) => `amendment.${s}`),
      ...['circulated', 'reopened', 'finalized'].map((s) => `report.${s}`),
    ]);
    for (const file of sourceFiles(path.join(srcRoot, 'server/modules'))) {
      for (const call of fs.readFileSync(file, 'utf8').matchAll(/recordAudit\(tx, \{([\s\S]*?)\}\);/g)) {
        const body = call[1] as string;
        if (!/groupId/.test(body)) continue;
        for (const m of body.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) if (/action/.test(body)) actions.add(m[1] as string);
      }
    }
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !en.has(`audit.actions.${a}`)).sort()).toEqual([]);
  });

  it('has every key that the code asks for', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(srcRoot)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*['"]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"]/g)) {
        if (!en.has(m[1] as string)) missing.push(`${path.relative(srcRoot, file)}: ${m[1]}`);
      }
      for (const m of text.matchAll(/i18nKey=["']([\w.-]+)["']/g)) {
        if (!en.has(m[1] as string)) missing.push(`${path.relative(srcRoot, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('language choice', () => {
  it('picks the first supported language from the browser’s list', () => {
    expect(pickLocale(parseAcceptLanguage('fr-CA,fr;q=0.9,ko-KR;q=0.8,en;q=0.5'))).toBe('ko');
    expect(pickLocale(parseAcceptLanguage('zh-TW;q=0.4,ja-JP'))).toBe('ja');
    expect(pickLocale(['zh-Hans-CN'])).toBe('zh');
    expect(pickLocale(['de-DE'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
