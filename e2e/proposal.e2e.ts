import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../src/core/i18n';
import { artifacts, openBrowser, startAccord, type Accord } from './helpers';

/**
 * A member committee's representative drafts a proposal in the seed's sections, with formatted
 * text, saves two versions and submits it; a Steering Committee co-chair returns it for
 * revision at a numbered SC meeting; the proposer reads the decision, the review and the
 * versions, in English and in Korean, on a desktop and on a phone.
 */

const en = catalogs.en;
const ko = catalogs.ko;
const TITLE = 'Study Group on Energy Security Cooperation in Northeast Asia';
const REASONS = 'Please name the participants from outside the region and narrow the nuclear-safety strand.';

let accord: Accord;
type Browser = Awaited<ReturnType<typeof openBrowser>>;
const browsers: Browser[] = [];
const problems: string[] = [];
let proposer: Page;
let proposalUrl = '';

async function personPage(name: string, watch = true): Promise<{ page: Page; context: BrowserContext }> {
  const browser = await openBrowser('en-US');
  browsers.push(browser);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  if (watch) {
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${name}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`${name}: ${String(err)}`));
  }
  await page.goto(accord.linkFor(name));
  // Offered a password after a link sign-in (in the person's language once they are known): later.
  await page.getByRole('button', { name: new RegExp(`^(${en.auth.skipForNow}|${ko.auth.skipForNow})$`) }).click();
  await page.getByRole('link', { name: new RegExp(`^(${en.nav.studyGroups}|${ko.nav.studyGroups})$`) }).first().waitFor();
  return { page, context: browser.context };
}

async function useLanguage(page: Page, lang: 'en' | 'ko') {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  await page.getByTestId('language-switcher').first().click();
  await page.getByTestId(`language-option-${lang}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `proposal-${name}.png`), fullPage: true });

/** A rich-text field of the editor, by its data-testid. */
const editable = (page: Page, field: string) => page.getByTestId(field).locator('[contenteditable="true"]');

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await accord?.stop();
});

describe('a proposal from draft to a Steering Committee decision', () => {
  it('the secretariat records the next SC meeting on the council page', async () => {
    const { page } = await personPage('Amirul Hakim Yusof');
    await page.getByRole('link', { name: en.council.nav }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Council for Security Cooperation in the Asia Pacific' }).waitFor();
    expect(page.url()).toMatch(/\/councils\/cscap$/);
    // Member committees with their current membership, filterable.
    const table = page.getByTestId('committees-table');
    await expect.poll(() => table.innerText()).toContain('CSCAP-Korea');
    await page.getByTestId('committee-search').fill('pacific');
    await expect.poll(() => table.innerText()).not.toContain('CSCAP-Korea');
    expect(await table.innerText()).toContain(en.membershipType.associate);
    await shot(page, 'council-en');

    await page.getByRole('tab', { name: en.council.tabs.scMeetings }).click();
    await page.getByTestId('record-sc-meeting').click();
    await expect.poll(() => page.getByTestId('sc-meeting-number').inputValue()).toBe('52');
    await page.getByTestId('sc-meeting-date').fill('2020-06-08');
    await page.getByTestId('sc-meeting-place').fill('Jakarta');
    await page.getByTestId('save-sc-meeting').click();
    await expect.poll(() => page.getByTestId('sc-meetings-table').innerText()).toContain('Jakarta');
  });

  it('a Steering Committee member drafts a proposal with formatted text and saves two versions', async () => {
    ({ page: proposer } = await personPage('Yoon Jae-seok'));
    await useLanguage(proposer, 'en');
    await proposer.getByRole('link', { name: en.council.nav }).first().click();
    await proposer.getByTestId('draft-proposal').click();
    await proposer.getByRole('heading', { level: 1, name: en.proposal.new.title }).waitFor();

    await proposer.getByTestId('proposal-title').fill(TITLE);
    await proposer.getByTestId('proposal-short-title').fill('Energy Security');
    await editable(proposer, 'rte-introduction').click();
    await proposer.keyboard.type('The region depends on ');
    await proposer.getByTestId('rte-introduction').getByTestId('rte-bold').click();
    await proposer.keyboard.type('imported energy');
    await proposer.getByTestId('rte-introduction').getByTestId('rte-bold').click();
    await proposer.keyboard.type(' carried through shared sea lanes.');
    await proposer.keyboard.press('Enter');
    await proposer.getByTestId('rte-introduction').getByTestId('rte-bulletList').click();
    await proposer.keyboard.type('Supply disruption');
    await proposer.keyboard.press('Enter');
    await proposer.keyboard.type('Nuclear safety');
    await proposer.getByTestId('add-principle').click();
    await proposer.getByTestId('principle-name-0').fill('Open');
    await editable(proposer, 'rte-principle-0').click();
    await proposer.keyboard.type('Any energy issue may be raised.');
    await proposer.getByTestId('add-objectives').click();
    await proposer.getByTestId('objectives-0').fill('To evaluate sources of energy insecurity.');
    await proposer.getByTestId('add-objectives').click();
    await proposer.getByTestId('objectives-1').fill('To articulate consensus on cooperation.');
    await proposer.getByTestId('add-keyQuestions').click();
    await proposer.getByTestId('keyQuestions-0').fill('Which mechanisms could reduce supply risk?');

    // A term that ends before it starts is refused at the field, before anything is sent.
    await proposer.getByTestId('term-start').fill('2027-09-01');
    await proposer.getByTestId('term-end').fill('2027-08-31');
    await proposer.getByTestId('save-proposal').click();
    await proposer.getByText(en.proposal.form.problems.termOrder).waitFor();
    await proposer.getByTestId('term-end').fill('2029-08-31');
    await proposer.getByTestId('version-note').fill('First draft');
    await proposer.getByTestId('save-proposal').click();
    await proposer.waitForURL(/\/groups\/[a-z0-9-]+\/proposal\/edit$/);
    await proposer.getByText(en.proposal.edit.created.replace('{{number}}', '1')).waitFor();
    proposalUrl = proposer.url().replace(/\/edit$/, '');

    await proposer.getByTestId('objectives-1').fill('To articulate and promote consensus on energy cooperation.');
    await proposer.getByTestId('version-note').fill('Objective (b) sharpened');
    await proposer.getByTestId('save-proposal').click();
    await expect.poll(() => proposer.getByTestId('saved-status').innerText()).toBe(en.proposal.form.savedAs.replace('{{number}}', '2'));
    await shot(proposer, 'editor-en');
  });

  it('shows the proposal as formatted, with both versions, and submits it', async () => {
    await proposer.getByRole('link', { name: en.proposal.form.viewProposal }).first().click();
    await proposer.waitForURL(proposalUrl);
    const charter = proposer.getByTestId('charter');
    await charter.waitFor();
    expect(await charter.locator('strong').first().innerText()).toBe('imported energy');
    expect(await charter.locator('li').allInnerTexts()).toEqual(expect.arrayContaining(['Supply disruption', 'Nuclear safety']));
    expect(await charter.innerText()).toContain('To articulate and promote consensus on energy cooperation.');
    const versions = proposer.getByTestId('versions');
    expect(await versions.locator('tbody tr').count()).toBe(2);
    expect(await versions.innerText()).toContain('Objective (b) sharpened');

    await proposer.getByTestId('transition-submit').click();
    await proposer.getByTestId('confirm-transition').click();
    await expect.poll(() => proposer.getByTestId('decisions').innerText()).toContain(en.proposal.decision.submit);
    // Submitted: no longer editable in place.
    expect(await proposer.getByRole('link', { name: en.proposal.actions.edit }).count()).toBe(0);
  });

  it('a Steering Committee co-chair returns it for revision at SC meeting no. 51, with reasons', async () => {
    const { page } = await personPage('Lim Hui Min');
    // The demo's other proposal carries the AU member's review comment, which the co-chair reads.
    await page.goto(`${accord.url}/groups/maritime-safety-cooperation-demo/proposal`);
    await expect.poll(() => page.getByTestId('reviews').innerText()).toContain('Gareth Pemberton');

    await page.goto(proposalUrl);
    await page.getByTestId('transition-return').click();
    // Both fields are required, and say so before anything is sent.
    await page.getByTestId('confirm-transition').click();
    await page.getByText(en.proposal.transition.scMeetingRequired).waitFor();
    await page.getByText(en.proposal.transition.reasonsRequired).waitFor();
    await page.getByTestId('sc-meeting-select').click();
    await page.getByRole('option', { name: en.proposal.scMeeting.replace('{{number}}', '51').replace('{{place}}', 'Hanoi').replace('{{date}}', '2019-12-02') }).click();
    await page.getByTestId('transition-reasons').fill(REASONS);
    await page.getByTestId('confirm-transition').click();
    const decisions = page.getByTestId('decisions');
    await expect.poll(() => decisions.innerText()).toContain(en.proposal.decision.return);
    expect(await decisions.innerText()).toContain('SC meeting no. 51, Hanoi, 2019-12-02');
    expect(await decisions.innerText()).toContain(REASONS);
  });

  it('the proposer sees the decision, the reasons and the version history, and may revise', async () => {
    await proposer.reload();
    await proposer.getByTestId('latest-decision').waitFor();
    expect(await proposer.getByTestId('latest-decision').innerText()).toContain(REASONS);
    expect(await proposer.getByTestId('decisions').innerText()).toContain('SC meeting no. 51, Hanoi, 2019-12-02');
    const versions = proposer.getByTestId('versions');
    expect(await versions.locator('tbody tr').count()).toBe(2);
    expect(await versions.innerText()).toContain(en.proposal.record.submitted);
    // Returned: the proposers may revise and submit again.
    await proposer.getByRole('link', { name: en.proposal.actions.revise }).waitFor();
    await proposer.getByTestId('transition-submit').waitFor();
    // Someone else's comment in the Steering Committee's review thread, and one of the proposer's own.
    await proposer.getByTestId('review-body').fill('We will name the observers in the next version.');
    await proposer.getByTestId('post-review').click();
    await expect.poll(() => proposer.getByTestId('reviews').innerText()).toContain('We will name the observers in the next version.');
    await shot(proposer, 'page-en');
    await proposer.setViewportSize({ width: 375, height: 800 });
    await proposer.reload();
    await proposer.getByTestId('decisions').waitFor();
    expect(await proposer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(proposer, 'page-en-phone');
    await proposer.setViewportSize({ width: 1280, height: 900 });

    // An earlier version, read-only, as it was saved.
    await proposer.goto(`${proposalUrl}/versions/1`);
    await proposer.getByText(en.proposal.version.isEarlier.replace('{{current}}', '2')).waitFor();
    expect(await proposer.getByTestId('charter').innerText()).toContain('To articulate consensus on cooperation.');
  });

  it('in Korean, the proposal page speaks Korean', async () => {
    await proposer.goto(proposalUrl);
    await proposer.getByTestId('decisions').waitFor();
    await useLanguage(proposer, 'ko');
    const body = proposer.locator('main');
    await expect.poll(() => body.innerText()).toContain(ko.proposal.page.statusTitle.replace('{{status}}', ko.status.returned));
    const text = await body.innerText();
    for (const label of [ko.proposal.page.decisions, ko.proposal.page.review, ko.proposal.page.versions, ko.proposal.decision.return, ko.proposal.actions.revise, ko.proposal.actions.submit]) {
      expect(text).toContain(label);
    }
    expect(text).toContain(ko.proposal.scMeeting.replace('{{number}}', '51').replace('{{place}}', 'Hanoi').replace('{{date}}', '2019-12-02'));
    expect(text).not.toContain(en.proposal.page.decisions);
    await shot(proposer, 'page-ko');
    await proposer.setViewportSize({ width: 375, height: 800 });
    await proposer.reload();
    await proposer.getByTestId('decisions').waitFor();
    expect(await proposer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(proposer, 'page-ko-phone');
  });

  it('raised no errors and no Content-Security-Policy violations in the browsers', () => {
    expect(problems).toEqual([]);
  });
});
