import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../src/core/i18n';
import { seedCharterPlain, seedCharterTexts } from '../src/server/db/seed/charter';
import { artifacts, openBrowser, startAccord, type Accord } from './helpers';

let accord: Accord;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
  browser = await openBrowser('en-US');
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(String(err)));
});

afterAll(async () => {
  await browser?.close();
  await accord?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

describe('a newcomer, from the terminal link to the charter in Korean', () => {
  it('signs in through the one-time link printed at the first start', async () => {
    expect(accord.stdout).toContain('First start: one-time sign-in links');
    await page.goto(accord.linkFor('Jonathan R. Ashby'));
    // A person who signed in with a link is offered a password, which can wait.
    await page.getByRole('button', { name: catalogs.en.auth.skipForNow }).click();
    await page.getByRole('heading', { name: catalogs.en.groups.title, level: 1 }).waitFor();
    // The token left the address bar.
    expect(page.url()).not.toContain('#');
    await shot('1-groups-en');
  });

  it('reads the demo study group’s charter in the proposal’s own words', async () => {
    await page.getByRole('link', { name: seedCharterTexts.en.title }).first().click();
    const charter = page.getByTestId('charter');
    await charter.waitFor();
    await expect.poll(() => charter.innerText()).toContain(catalogs.en.group.sections.introduction);
    const text = await charter.innerText();
    expect(text).toContain('Paradoxically enough, however, the stronger the negative effects of those obstacles');
    expect(text).toContain('To articulate and promote consensus on ways to achieve security cooperation across the region and beyond.');
    expect(text).toContain('How are the basic components of security structure in this region different from other regions?');
    await shot('2-charter-en');
  });

  it('switches to Korean: the interface and the charter are in Korean, and it is remembered', async () => {
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-option-ko').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    await page.getByRole('link', { name: catalogs.ko.nav.studyGroups }).first().waitFor();
    const charter = page.getByTestId('charter');
    await expect.poll(() => charter.innerText()).toContain(seedCharterPlain.ko.introduction[0]?.slice(0, 30) ?? '∅');
    expect(await charter.getAttribute('lang')).toBe('ko');
    expect(await page.locator('body').innerText()).toContain(catalogs.ko.group.sections.keyQuestions);
    await shot('3-charter-ko');

    // Remembered for the person, not only this browser: the account holds it.
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.locale).toBe('ko');
    await page.reload();
    await page.getByRole('link', { name: catalogs.ko.nav.studyGroups }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
  });

  it('fits a phone’s width', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.getByTestId('charter').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('4-charter-ko-phone');
  });

  it('raised no errors and no Content-Security-Policy violations in the browser', () => {
    expect(problems).toEqual([]);
  });
});
