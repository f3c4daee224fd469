import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../src/core/i18n';
import { DEMO_GROUP_SLUG } from '../src/server/db/seed/demo';
import { type Accord, artifacts, noHorizontalScroll, openBrowser, startAccord } from './helpers';

/**
 * A co-chair in Washington plans a meeting there across the March 2021 change to daylight
 * saving time, builds its timetable (a session refused for overlapping, then kept as a parallel
 * one; a session dragged to another place in its day) and invites the group; a participant in
 * Seoul reads every time in Washington's zone and in Seoul's, correct on both sides of the
 * change, answers that she will join remotely, and reads the page in Korean. Screens at 1280
 * and 375 px in English and Korean, without console errors or CSP violations.
 */

const en = catalogs.en;
const ko = catalogs.ko;
const GROUP = `/groups/${DEMO_GROUP_SLUG}`;
const TITLE = 'Fifth meeting: maritime security and confidence building';
const S = {
  opening: 'Opening: the maritime agenda',
  incidents: 'Session 1: incidents at sea',
  fisheries: 'Session 2: fisheries, after the clocks change',
  breakout: 'Break-out: coast guards',
};

let accord: Accord;
type Browser = Awaited<ReturnType<typeof openBrowser>>;
const browsers: Browser[] = [];
const problems: string[] = [];
/** The one request refused on purpose (the overlapping session) is logged by the browser as a 409. */
let expect409 = false;
let cochair: Page;
let participant: Page;
let meetingPath = '';

async function personPage(name: string): Promise<Page> {
  const browser = await openBrowser('en-US');
  browsers.push(browser);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    if (expect409 && msg.text().includes('status of 409')) return;
    problems.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${name}: ${String(err)}`));
  await page.goto(accord.linkFor(name));
  await page.getByRole('button', { name: new RegExp(`^(${en.auth.skipForNow}|${ko.auth.skipForNow})$`) }).click();
  await page.getByRole('link', { name: new RegExp(`^(${en.nav.studyGroups}|${ko.nav.studyGroups})$`) }).first().waitFor();
  return page;
}

async function useLanguage(page: Page, lang: 'en' | 'ko') {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  await page.getByTestId('language-switcher').first().click();
  await page.getByTestId(`language-option-${lang}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `meetings-${name}.png`), fullPage: true });
/** Text with the thin and narrow spaces Intl puts in ranges made plain. */
const plain = async (l: Locator) => (await l.innerText()).replace(/[\u2009\u202f\u00a0]/g, ' ');
const row = (page: Page, title: string) => page.getByTestId('session-row').filter({ hasText: title });
const day = (page: Page, date: string) => page.locator(`[data-testid="timetable-day"][data-date="${date}"]`);

async function addSession(page: Page, title: string, date: string, start: string, end: string) {
  await page.getByTestId('add-session').click();
  const form = page.getByTestId('session-form');
  await form.waitFor();
  await page.getByTestId('session-title-input').fill(title);
  await page.getByTestId('session-date').fill(date);
  await page.getByTestId('session-start').fill(start);
  await page.getByTestId('session-end').fill(end);
  await page.getByTestId('session-save').click();
}

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await accord?.stop();
});

describe('a meeting in Washington across the change to daylight saving time', () => {
  it('a co-chair plans it in Washington’s zone, suggested from the host, with the clock change said in words', async () => {
    cochair = await personPage('Jonathan R. Ashby');
    await cochair.goto(`${accord.url}${GROUP}`);
    await cochair.getByTestId('group-tab-meetings').click();
    await cochair.getByRole('heading', { level: 2, name: en.meetings.title }).waitFor();
    expect(new URL(cochair.url()).pathname).toBe(`${GROUP}/meetings`);
    await expect.poll(() => cochair.getByTestId('meeting-card').count()).toBe(4);

    await cochair.getByTestId('plan-meeting').click();
    const form = cochair.getByTestId('meeting-form');
    await form.waitFor();
    await form.getByLabel(en.meetings.form.title).fill(TITLE);
    await cochair.getByTestId('meeting-host').click();
    await cochair.getByRole('option', { name: 'CSCAP-US' }).click();
    await form.getByLabel(en.meetings.form.city).fill('Washington');
    await form.getByLabel(en.meetings.form.venue).fill('Demo Conference Center (fictional)');
    // The host's capital: Washington reads New York's zone.
    expect(await cochair.getByTestId('meeting-zone').inputValue()).toContain('America/New_York');
    await cochair.getByTestId('meeting-start').fill('2021-03-12T09:00');
    await cochair.getByTestId('meeting-end').fill('2021-03-16T17:00');
    expect(await cochair.getByTestId('zone-notice').innerText()).toContain('America/New_York');
    expect(await form.getByTestId('clock-change').innerText()).toContain('02:00');
    await cochair.getByTestId('format-hybrid').check();
    await form.getByLabel(en.meetings.form.onlineUrl).fill('https://meet.example.org/accord-washington');
    // Chatham House is the default rule, each rule explained in a line.
    expect(await cochair.getByTestId('attribution-chatham_house').isChecked()).toBe(true);
    await cochair.getByTestId('meeting-save').click();

    await cochair.getByTestId('meeting-page').waitFor();
    meetingPath = new URL(cochair.url()).pathname;
    expect(meetingPath).toMatch(new RegExp(`^${GROUP}/meetings/[0-9a-f-]{36}$`));
    expect(await cochair.getByTestId('meeting-title').innerText()).toBe(TITLE);
    const when = await plain(cochair.getByTestId('meeting-dates'));
    expect(when).toContain('Fri, Mar 12, 2021, 09:00');
    expect(when).toContain('Washington time');
    expect(when).toContain('UTC−05:00 → UTC−04:00');
    expect(when).toContain('the clocks go forward on Sun, Mar 14, from 02:00 to 03:00');
    expect(await cochair.getByTestId('meeting-attribution').innerText()).toContain(en.meetings.attribution.chatham_house.label);
  });

  it('editing a meeting planned in the proposal suggests its host’s capital, not the editor’s zone', async () => {
    await cochair.goto(`${accord.url}${GROUP}/meetings`);
    // The second meeting: hosted by CSCAP-China, no dates and no zone yet.
    await cochair.locator('[data-testid="meeting-card"][data-sequence="2"] a').first().click();
    await cochair.getByTestId('meeting-page').waitFor();
    await cochair.getByTestId('edit-meeting').click();
    await cochair.getByTestId('meeting-form').waitFor();
    await expect.poll(() => cochair.getByTestId('meeting-zone').inputValue()).toContain('Asia/Shanghai');
    await cochair.keyboard.press('Escape');
    // Back to the Washington meeting, where the next steps go on.
    await cochair.goto(`${accord.url}${meetingPath}`);
    await cochair.getByTestId('meeting-page').waitFor();
  });

  it('adds sessions before and after the change, and says in words that 02:30 on the night of the change does not exist', async () => {
    await addSession(cochair, S.opening, '2021-03-12', '09:00', '10:30');
    await row(cochair, S.opening).waitFor();
    await addSession(cochair, S.incidents, '2021-03-12', '11:00', '12:30');
    await row(cochair, S.incidents).waitFor();
    await addSession(cochair, S.fisheries, '2021-03-15', '09:00', '10:30');
    await row(cochair, S.fisheries).waitFor();
    expect(await plain(row(cochair, S.opening).getByTestId('session-clock'))).toContain('UTC−05:00');
    expect(await plain(row(cochair, S.fisheries).getByTestId('session-clock'))).toContain('UTC−04:00');
    // The Sunday of the change says so.
    expect(await day(cochair, '2021-03-14').getByTestId('clock-change').innerText()).toContain('02:00');

    await cochair.getByTestId('add-session').click();
    await cochair.getByTestId('session-date').fill('2021-03-14');
    await cochair.getByTestId('session-start').fill('02:30');
    const error = cochair.getByTestId('session-form').getByText('02:30 does not exist in Washington on Sun, Mar 14');
    await error.waitFor();
    expect(await error.innerText()).toContain('the clocks go forward from 02:00 to 03:00');
    await cochair.keyboard.press('Escape');
    await cochair.getByTestId('session-form').waitFor({ state: 'detached' });
  });

  it('refuses an overlapping session with the reason, then keeps it as a parallel session when asked', async () => {
    expect409 = true;
    await addSession(cochair, S.breakout, '2021-03-15', '10:00', '11:00');
    const dialog = cochair.getByRole('dialog', { name: en.meetings.sessions.overlap.title });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(S.fisheries);
    await cochair.getByTestId('keep-parallel').click();
    await cochair.getByTestId('session-form').waitFor({ state: 'detached' });
    expect409 = false;
    await row(cochair, S.breakout).waitFor();
    // Kept as parallel, it says so; a break-out meant to run beside others is no clash for either.
    expect(await row(cochair, S.breakout).getByTestId('parallel-badge').innerText()).toBe(en.meetings.sessions.warnings.overlap);
    expect(await row(cochair, S.breakout).getByTestId('warning-overlap').count()).toBe(0);
    expect(await row(cochair, S.fisheries).getByTestId('warning-overlap').count()).toBe(0);
  });

  it('drags a session to the top of its day: the two take each other’s turns, each keeping its length', async () => {
    const friday = day(cochair, '2021-03-12');
    const titles = () => friday.getByTestId('session-row').getByTestId('session-title').allInnerTexts();
    expect(await titles()).toEqual([S.opening, S.incidents]);
    await row(cochair, S.incidents).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const handle = await row(cochair, S.incidents).getByTestId('session-drag').boundingBox();
    const target = await row(cochair, S.opening).boundingBox();
    if (!handle || !target) throw new Error('the rows are not on screen');
    await cochair.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await cochair.mouse.down();
    await cochair.mouse.move(handle.x + handle.width / 2, target.y + 4, { steps: 12 });
    await cochair.mouse.up();
    await expect.poll(titles).toEqual([S.incidents, S.opening]);
    await expect.poll(() => plain(row(cochair, S.incidents).getByTestId('session-clock-meeting'))).toBe('09:00 – 10:30');
    await expect.poll(() => plain(row(cochair, S.opening).getByTestId('session-clock-meeting'))).toBe('11:00 – 12:30');
    // Read again from the server: the order and the times were saved.
    await cochair.reload();
    await friday.waitFor();
    expect(await titles()).toEqual([S.incidents, S.opening]);
  });

  it('the day view shows the same sessions on a time axis, the parallel ones side by side', async () => {
    await cochair.getByTestId('timetable-view').getByText(en.meetings.sessions.viewGrid).click();
    const monday = cochair.locator('[data-testid="grid-day"][data-date="2021-03-15"]');
    await expect.poll(() => monday.getByTestId('grid-session').count()).toBe(2);
    const [a, b] = await Promise.all([monday.getByTestId('grid-session').nth(0).boundingBox(), monday.getByTestId('grid-session').nth(1).boundingBox()]);
    expect(a && b && Math.abs(a.x - b.x)).toBeGreaterThan(20);
    await cochair.getByTestId('timetable-view').getByText(en.meetings.sessions.viewAgenda).click();
  });

  it('invites every member, after a confirmation', async () => {
    await cochair.getByTestId('meeting-tab-attendance').click();
    await cochair.getByTestId('attendance').waitFor();
    expect(await cochair.getByTestId('summary-invited').innerText()).toBe('0');
    await cochair.getByTestId('invite-all').click();
    await cochair.getByRole('dialog', { name: en.meetings.attendance.inviteAllTitle }).waitFor();
    await cochair.getByTestId('confirm-invite-all').click();
    await cochair.getByTestId('invited-notice').waitFor();
    await expect.poll(() => cochair.getByTestId('summary-invited').innerText()).toBe('17');
    await expect.poll(() => cochair.getByTestId('attendance-row').count()).toBe(17);
    // Observers ('Plus') are listed apart and marked.
    const observers = cochair.getByTestId('observers');
    expect(await observers.getByTestId('attendance-row').count()).toBe(2);
    expect(await observers.innerText()).toContain(en.meetings.attendance.plus);
  });
});

describe('a participant in Seoul', () => {
  it('reads every time in Washington’s zone and in Seoul’s, right on both sides of the change', async () => {
    participant = await personPage('Oh Se-rin');
    await participant.goto(`${accord.url}${GROUP}/meetings`);
    const card = participant.getByTestId('meeting-card').filter({ hasText: TITLE });
    await card.waitFor();
    expect(await plain(participant.getByTestId('your-zone'))).toContain('Seoul (UTC+09:00)');
    const cardWhen = await plain(card.getByTestId('meeting-when'));
    expect(cardWhen).toContain('Washington time');
    expect(cardWhen).toContain('Fri, Mar 12, 2021, 23:00');
    expect(cardWhen).toContain('your time (Seoul)');
    expect(await card.getByTestId('my-answer').getAttribute('data-answer')).toBe('none');

    await card.getByRole('link', { name: TITLE }).click();
    await participant.getByTestId('meeting-page').waitFor();
    // Friday, before the change: 09:00 in Washington (UTC−05:00) is 23:00 the same day in Seoul.
    const before = row(participant, S.incidents);
    expect(await plain(before.getByTestId('session-clock-meeting'))).toBe('09:00 – 10:30');
    expect(await plain(before.getByTestId('session-clock'))).toContain('UTC−05:00');
    expect(await plain(before.getByTestId('session-clock-viewer'))).toContain('Fri, Mar 12, 23:00 – Sat, Mar 13, 00:30');
    // The evening session is the next morning in Seoul, and says so.
    const evening = row(participant, S.opening);
    expect(await plain(evening.getByTestId('session-clock-viewer'))).toContain('Sat, Mar 13, 01:00 – 02:30');
    expect(await evening.getByTestId('day-shift').innerText()).toBe('+1 day');
    // Monday, after the change: 09:00 in Washington (UTC−04:00) is 22:00 in Seoul.
    const after = row(participant, S.fisheries);
    expect(await plain(after.getByTestId('session-clock-meeting'))).toBe('09:00 – 10:30');
    expect(await plain(after.getByTestId('session-clock'))).toContain('UTC−04:00');
    expect(await plain(after.getByTestId('session-clock-viewer'))).toContain('22:00 – 23:30');
    // A participant reads the timetable; only those who plan the meeting change it.
    expect(await participant.getByTestId('add-session').count()).toBe(0);
    expect(await participant.getByTestId('session-drag').count()).toBe(0);
  });

  it('answers that she will join remotely', async () => {
    const invitation = participant.getByTestId('my-invitation');
    expect(await invitation.innerText()).toContain(en.meetings.invitation.question);
    await participant.getByTestId('answer-remote').click();
    await expect.poll(() => participant.getByTestId('answer-remote').getAttribute('aria-pressed')).toBe('true');
    // The button shows the answer at once; the sentence follows when the server has it.
    await expect.poll(() => participant.getByTestId('my-invitation-state').innerText()).toContain(en.meetings.answers.remote);
    await participant.getByTestId('meeting-tab-attendance').click();
    await expect.poll(() => participant.getByTestId('summary-remote').innerText()).toBe('1');
    const me = participant.getByTestId('delegation-KR').getByTestId('attendance-row').filter({ hasText: 'Oh Se-rin' });
    expect(await me.getByTestId('attendance-answer').getAttribute('data-answer')).toBe('remote');
  });

  it('reads the meeting’s page in Korean', async () => {
    await participant.getByTestId('meeting-tab-timetable').click();
    await useLanguage(participant, 'ko');
    await participant.getByTestId('meeting-tab-timetable').filter({ hasText: ko.meetings.tabs.timetable }).waitFor();
    const page = await participant.getByTestId('meeting-page').innerText();
    for (const text of [ko.meetings.when, ko.meetings.where, ko.meetings.howHeld, ko.meetings.attributionRule, ko.meetings.attribution.chatham_house.label, ko.meetings.invitation.title, ko.meetings.tabs.attendance, ko.meetings.format.hybrid]) {
      expect(page).toContain(text);
    }
    expect(page).toContain(ko.meetings.answers.remote);
    expect(page).toContain('Washington 현지 시각');
    expect(page).toContain('내 시각(서울)');
    expect(await participant.getByTestId('group-tab-meetings').innerText()).toBe(ko.group.meetings);
  });

  it('the group’s timeline leads to the meeting', async () => {
    await participant.getByTestId('group-tab-timeline').click();
    const name = ko.group.meetingNumber.replace('{{number}}', '5');
    // The list (what screen readers and phones read) links it; the picture opens it on a click.
    const link = participant.getByTestId('timeline-list').getByTestId('timeline-meeting-link').filter({ hasText: name });
    expect(await link.getAttribute('href')).toBe(meetingPath);
    await participant.getByTestId('timeline-picture-link').filter({ hasText: name }).click();
    await participant.getByTestId('meeting-page').waitFor();
    expect(new URL(participant.url()).pathname).toBe(meetingPath);
    await useLanguage(participant, 'en');
  });
});

describe('the meeting screens at 1280 and 375 px, in English and Korean', () => {
  async function tour(page: Page, who: string, manager: boolean) {
    for (const locale of ['en', 'ko'] as const) {
      await useLanguage(page, locale);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        const name = (screen: string) => `${screen}-${who}-${locale}-${width}`;
        await page.goto(`${accord.url}${GROUP}/meetings`);
        await page.getByTestId('meeting-card').first().waitFor();
        await page.waitForLoadState('networkidle');
        await noHorizontalScroll(page);
        await shot(page, name('list'));

        await page.goto(`${accord.url}${meetingPath}`);
        await page.getByTestId('timetable').waitFor();
        await page.waitForLoadState('networkidle');
        await noHorizontalScroll(page);
        await shot(page, name('meeting'));

        if (manager) {
          await page.getByTestId('timetable-view').locator('label').nth(1).click();
          await page.getByTestId('day-grid').waitFor();
          await noHorizontalScroll(page);
          await shot(page, name('timetable-grid'));
          await page.getByTestId('timetable-view').locator('label').nth(0).click();
          await page.getByTestId('add-session').click();
          await page.getByTestId('session-form').waitFor();
          await page.waitForTimeout(250);
          await page.screenshot({ path: path.join(artifacts, `meetings-${name('session-form')}.png`) });
          await page.keyboard.press('Escape');
          await page.getByTestId('session-form').waitFor({ state: 'detached' });
        }

        await page.goto(`${accord.url}${meetingPath}/attendance`);
        await page.getByTestId('attendance-row').first().waitFor();
        await page.waitForLoadState('networkidle');
        await noHorizontalScroll(page);
        await shot(page, name('attendance'));
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('as the co-chair who plans the meeting', async () => {
    await tour(cochair, 'cochair', true);
  });

  it('as the participant in Seoul', async () => {
    await tour(participant, 'participant', false);
  });

  it('raised no errors and no Content-Security-Policy violations in any browser', () => {
    expect(problems).toEqual([]);
  });
});
