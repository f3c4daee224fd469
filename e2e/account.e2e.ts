import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../src/core/charter';
import { catalogs } from '../src/core/i18n';
import { DEMO_GROUP_SLUG } from '../src/server/db/seed/demo';
import { artifacts, openBrowser, startAccord, type Accord } from './helpers';

let accord: Accord;
let laptop: Awaited<ReturnType<typeof openBrowser>>;
let phone: Awaited<ReturnType<typeof openBrowser>> | undefined;
let page: Page;
const problems: string[] = [];
const PASSWORD = 'a long enough demo passphrase';
const en = catalogs.en;
const ko = catalogs.ko;

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
  laptop = await openBrowser('en-US');
  page = laptop.context.pages()[0] ?? (await laptop.context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(String(err)));
});

afterAll(async () => {
  await phone?.close();
  await laptop?.close();
  await accord?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

async function switchLanguage(locale: Locale) {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
}

/** A field's label, with or without the asterisk of a required field. */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

async function noHorizontalScroll() {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the account page: names in several scripts, affiliation, signing out one device', () => {
  it('signs in with the printed link and sets a password there', async () => {
    // The demo person reads Korean: the app follows the language saved for them.
    await page.goto(accord.linkFor('Chung Hae-rim'));
    await page.getByLabel(label(ko.auth.newPassword)).fill(PASSWORD);
    await page.getByLabel(label(ko.auth.confirmPassword)).fill(PASSWORD);
    await page.getByRole('button', { name: ko.auth.savePassword }).click();
    await page.getByRole('heading', { name: ko.groups.title, level: 1 }).waitFor();
  });

  it('shows the spellings and the affiliation as inputs, each spelling in its language', async () => {
    await page.goto(`${accord.url}/account`);
    await switchLanguage('en');
    await page.getByRole('heading', { name: en.account.title, level: 1 }).waitFor();
    const inputs = {
      latin: page.getByLabel(en.account.nameLatin),
      hangul: page.getByLabel(en.account.nameHangul),
      hanzi: page.getByLabel(en.account.nameHanzi),
      kanji: page.getByLabel(en.account.nameKanji),
    };
    expect(await inputs.latin.inputValue()).toBe('Chung Hae-rim');
    expect(await inputs.hangul.inputValue()).toBe('정해림');
    expect(await inputs.hanzi.inputValue()).toBe('');
    expect(await inputs.latin.getAttribute('lang')).toBe('en');
    expect(await inputs.hangul.getAttribute('lang')).toBe('ko');
    expect(await inputs.hanzi.getAttribute('lang')).toBe('zh');
    expect(await inputs.kanji.getAttribute('lang')).toBe('ja');

    await inputs.hanzi.fill(' 郑海林 ');
    await inputs.kanji.fill('鄭海林');
    await page.getByLabel(en.account.affiliation).fill('Demo Institute for Korean Peninsula Studies (fictional)');
    await page.getByRole('button', { name: en.common.save, exact: true }).click();
    await page.getByRole('status').filter({ hasText: en.common.saved }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    // The spellings as typed (trimmed), beside the family names the demo records for each.
    expect(me.names).toMatchObject({ latin: 'Chung Hae-rim', hangul: '정해림', hanzi: '郑海林', kanji: '鄭海林' });
    expect(me.affiliation).toBe('Demo Institute for Korean Peninsula Studies (fictional)');

    // Emptying a spelling removes it.
    await inputs.kanji.fill('');
    await page.getByRole('button', { name: en.common.save, exact: true }).click();
    await expect.poll(async () => (await page.evaluate(async () => (await fetch('/api/me')).json())).names.kanji).toBeUndefined();
    expect((await page.evaluate(async () => (await fetch('/api/me')).json())).names).toMatchObject({ latin: 'Chung Hae-rim', hangul: '정해림', hanzi: '郑海林' });
  });

  it('lists a second device, which the first can sign out', async () => {
    const email = (await page.evaluate(async () => (await fetch('/api/me')).json())).email as string;
    phone = await openBrowser('ko-KR');
    const other = phone.context.pages()[0] ?? (await phone.context.newPage());
    await other.goto(`${accord.url}/sign-in`);
    await other.getByLabel(label(ko.auth.email)).fill(email);
    await other.getByLabel(label(ko.auth.password)).fill(PASSWORD);
    await other.getByRole('button', { name: ko.auth.signIn }).click();
    // Signed in, the person's language (now English) follows them to this device.
    await other.getByRole('heading', { name: en.groups.title, level: 1 }).waitFor();

    await page.reload();
    const sessions = page.locator('#sessions li');
    await expect.poll(() => sessions.count()).toBe(2);
    // Only the other device has a button: this one signs out from the header.
    expect(await page.locator('#sessions li').getByRole('button', { name: /^Sign out / }).count()).toBe(1);
    await shot('account-en-1280');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await expect.poll(() => sessions.count()).toBe(2);
    await noHorizontalScroll();
    await shot('account-en-375');

    await switchLanguage('ko');
    await page.getByRole('heading', { name: ko.account.title, level: 1 }).waitFor();
    await noHorizontalScroll();
    await shot('account-ko-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot('account-ko-1280');

    await page.locator('#sessions li').getByRole('button', { name: ko.account.signOutDevice }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: ko.account.signOutDevice }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => sessions.count()).toBe(1);
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

    // The other device is signed out: its next page load asks it to sign in.
    await other.goto(`${accord.url}/account`);
    await other.getByRole('button', { name: /^(Sign in|로그인)$/ }).waitFor();
  });

  it('shows the new spelling and affiliation in the group overview, in the reader’s script', async () => {
    await switchLanguage('zh');
    await page.goto(`${accord.url}/groups/${DEMO_GROUP_SLUG}`);
    await page.getByTestId('charter').waitFor();
    const main = page.locator('main');
    await main.locator('span[lang="zh"]', { hasText: '郑海林' }).first().waitFor();
    expect(await main.innerText()).toContain('Demo Institute for Korean Peninsula Studies (fictional)');
    await shot('account-group-zh');
  });

  it('raised no errors and no Content-Security-Policy violations in the browser', () => {
    expect(problems).toEqual([]);
  });
});
