import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../src/core/charter';
import { catalogs } from '../src/core/i18n';
import { DEMO_GROUP_SLUG } from '../src/server/db/seed/demo';
import { type Accord, artifacts, noCutBadges, noHorizontalScroll, openBrowser, startAccord } from './helpers';

let accord: Accord;
const browsers: Awaited<ReturnType<typeof openBrowser>>[] = [];
const problems: string[] = [];
const en = catalogs.en;
const ja = catalogs.ja;
const GROUP = `/groups/${DEMO_GROUP_SLUG}`;
const SUB_GROUP_TITLE = 'Experts Group on Trust-Building Measures on the Korean Peninsula';
const INVITEE = { email: 'hana.park@demo.accord.example', name: 'Park Hana' };

/**
 * A person's own browser (profile, cookies), watched for console errors and CSP violations.
 * Someone removed from a group is answered 404 there, which the browser logs: expected for them.
 */
async function browser(options: { notFoundExpected?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const b = await openBrowser('en-US');
  browsers.push(b);
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (options.notFoundExpected && msg.text().includes('status of 404')) return;
    problems.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: ${String(err)}`));
  return { context: b.context, page };
}

/** Signs in with a printed (or mailed) one-time link and declines the password offer. */
async function signInWithLink(page: Page, url: string, skipLabel: string = en.auth.skipForNow) {
  await page.goto(url);
  await page.getByRole('button', { name: skipLabel }).click();
}

async function switchLanguage(page: Page, locale: Locale) {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
}

const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage });

let cochair: Page;
let invitee: Page;

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
  cochair = (await browser()).page;
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await accord?.stop();
});

describe('a co-chair brings a new expert into a delegation, and takes them out again', () => {
  it('shows the group’s own pages as linkable tabs, the audit trail among them for a co-chair', async () => {
    await signInWithLink(cochair, accord.linkFor('Jonathan R. Ashby'));
    await cochair.getByRole('heading', { name: en.groups.title, level: 1 }).waitFor();
    await cochair.goto(`${accord.url}${GROUP}`);
    await cochair.getByTestId('charter').waitFor();
    const nav = cochair.getByRole('navigation', { name: en.groupNav.label });
    for (const tab of ['overview', 'proposal', 'members', 'timeline', 'subGroups', 'audit'] as const) {
      await expect.poll(() => nav.getByTestId(`group-tab-${tab}`).count()).toBe(1);
    }
    await nav.getByTestId('group-tab-members').click();
    await cochair.getByRole('heading', { name: en.members.title, level: 2 }).waitFor();
    expect(new URL(cochair.url()).pathname).toBe(`${GROUP}/members`);
  });

  it('lists the members with their delegation and roles; observers are marked as the ‘Plus’ invitees', async () => {
    const table = cochair.getByTestId('members-table');
    await table.waitFor();
    await expect.poll(() => table.getByTestId('member-row').count()).toBe(17);
    const observer = table.getByTestId('member-row').filter({ hasText: 'Lukas Brandvold' });
    expect(await observer.getAttribute('data-observer')).not.toBeNull();
    expect(await observer.innerText()).toContain(en.members.plusNote);
    // A manager sees addresses.
    expect(await table.innerText()).toContain('lukas.brandvold@demo.accord.example');

    // Filters live in the address.
    await cochair.getByLabel(label(en.members.searchWithEmail)).fill('Kubota');
    await expect.poll(() => table.getByTestId('member-row').count()).toBe(1);
    expect(cochair.url()).toContain('q=Kubota');
    await cochair.getByLabel(label(en.members.searchWithEmail)).fill('');
    await expect.poll(() => table.getByTestId('member-row').count()).toBe(17);
  });

  it('invites a person by email as a member of CSCAP-Korea’s delegation', async () => {
    await cochair.getByRole('button', { name: en.members.invite }).click();
    const dialog = cochair.getByRole('dialog', { name: en.members.inviteTitle });
    await dialog.waitFor();
    await shot(cochair, 'members-invite-modal-en', false);
    await dialog.getByLabel(label(en.members.email)).fill(INVITEE.email);
    await dialog.getByLabel(label(en.members.newName)).fill(INVITEE.name);
    await dialog.getByRole('combobox', { name: label(en.members.delegation) }).click();
    await cochair.getByRole('option', { name: 'CSCAP-Korea' }).click();
    await dialog.getByRole('button', { name: en.members.sendInvitation }).click();
    await cochair.getByText(en.members.invitationSent.replace('{{email}}', INVITEE.email)).waitFor();
    const invitation = cochair.getByTestId('invitation').filter({ hasText: INVITEE.email });
    await invitation.waitFor();
    expect(await invitation.innerText()).toContain(en.members.invitationStatus.open);
  });

  it('the invitation is in the administrator’s mailbox, and its link brings the invitee to the group as a member', async () => {
    const admin = (await browser()).page;
    await signInWithLink(admin, accord.linkFor('administrator'));
    await admin.goto(`${accord.url}/admin/mailbox`);
    const row = admin.getByRole('row').filter({ hasText: INVITEE.email });
    await row.waitFor();
    await row.getByRole('link').click();
    const body = admin.getByText(/\/link#[\w-]+/).first();
    await body.waitFor();
    const link = (await admin.locator('body').innerText()).match(/(http:\/\/\S+\/link#[\w-]+)/)?.[1];
    expect(link).toBeTruthy();

    invitee = (await browser({ notFoundExpected: true })).page;
    await signInWithLink(invitee, link as string);
    await invitee.waitForURL(`**${GROUP}`);
    await invitee.getByRole('status').filter({ hasText: en.groupNav.joined.replace('{{role}}', en.roles.member) }).waitFor();
    await invitee.getByTestId('charter').waitFor();
    // A member reads the group but not its audit trail.
    expect(await invitee.getByTestId('group-tab-audit').count()).toBe(0);
    await invitee.getByTestId('group-tab-members').click();
    const me = invitee.getByTestId('member-row').filter({ hasText: INVITEE.name });
    await me.waitFor();
    expect(await me.innerText()).toContain('CSCAP-Korea');
    // Members see no addresses.
    expect(await invitee.getByTestId('members-table').innerText()).not.toContain('@demo.accord.example');
  });

  it('the co-chair removes them, after a confirmation that their contributions stay', async () => {
    await cochair.reload();
    const row = cochair.getByTestId('member-row').filter({ hasText: INVITEE.name });
    await row.waitFor();
    await row.getByTestId('member-actions').click();
    await cochair.getByRole('menuitem', { name: en.members.remove }).click();
    const dialog = cochair.getByRole('dialog', { name: en.members.removeTitle });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('What they contributed stays in the record');
    await dialog.getByRole('button', { name: en.members.remove }).click();
    await expect.poll(() => cochair.getByTestId('member-row').filter({ hasText: INVITEE.name }).count()).toBe(0);
    await expect.poll(() => cochair.getByTestId('member-row').count()).toBe(17);
  });

  it('their next visit finds nothing there', async () => {
    await invitee.reload();
    await invitee.getByRole('heading', { name: en.app.notFoundTitle, level: 1 }).waitFor();
    await invitee.goto(`${accord.url}${GROUP}/timeline`);
    await invitee.getByRole('heading', { name: en.app.notFoundTitle, level: 1 }).waitFor();
  });

  it('the audit trail records the invitation, the new member and the removal, in words', async () => {
    await cochair.getByTestId('group-tab-audit').click();
    const list = cochair.getByTestId('audit-list');
    await list.waitFor();
    const text = await list.innerText();
    expect(text).toContain(en.audit.actions.invitation.created);
    expect(text).toContain(en.audit.actions.membership.started);
    expect(text).toContain(en.audit.actions.membership.ended);
  });
});

describe('the timeline, the sub-groups, and the members page in Japanese', () => {
  it('draws the term as a picture, with what comes next', async () => {
    await cochair.getByTestId('group-tab-timeline').click();
    await cochair.getByTestId('timeline-picture').waitFor();
    const next = (await cochair.getByTestId('what-comes-next').innerText()).toLowerCase();
    expect(next).toContain(en.timeline.next.toLowerCase());
    expect(next).toContain(en.group.meetingNumber.replace('{{number}}', '2').toLowerCase());
    expect(next).toContain('cscap-china');
    // The same timeline, in order, for screen readers: today in its place, undated meetings last.
    const items = cochair.getByTestId('timeline-list').locator(':scope > li');
    expect(await items.count()).toBe(8);
    expect(await items.first().innerText()).toContain(en.timeline.submitted);
    expect((await items.last().innerText()).toLowerCase()).toContain(en.group.datesToBeSet.toLowerCase());
  });

  it('lists the sub-group with its focus, and the sub-group names its parent', async () => {
    await cochair.getByTestId('group-tab-subGroups').click();
    await cochair.getByRole('link', { name: SUB_GROUP_TITLE }).click();
    await cochair.getByRole('heading', { name: SUB_GROUP_TITLE, level: 1 }).waitFor();
    const parent = cochair.getByText(en.subGroups.subGroupOf).first();
    await parent.waitFor();
    expect(await cochair.getByTestId('group-tab-subGroups').count()).toBe(0);
  });

  it('switches to Japanese: the members page speaks Japanese', async () => {
    await cochair.goto(`${accord.url}${GROUP}/members`);
    await cochair.getByTestId('members-table').waitFor();
    await switchLanguage(cochair, 'ja');
    await cochair.getByRole('heading', { name: ja.members.title, level: 2 }).waitFor();
    const header = await cochair.getByTestId('members-table').locator('thead').innerText();
    for (const text of [ja.members.name, ja.members.delegation, ja.members.roles, ja.members.since]) expect(header).toContain(text);
    await cochair.getByLabel(label(ja.members.searchWithEmail)).waitFor();
    expect(await cochair.getByRole('button', { name: ja.members.invite }).count()).toBe(1);
    expect(await cochair.getByTestId('members-table').innerText()).toContain(ja.roles.observer);
    expect(await cochair.getByTestId('group-tab-timeline').innerText()).toBe(ja.groupNav.timeline);
  });
});

describe('the group’s pages at 1280 and 375 px, in English and Korean', () => {
  const pages = [
    ['members', '/members'],
    ['timeline', '/timeline'],
    ['sub-groups', '/sub-groups'],
    ['audit', '/audit'],
  ] as const;

  async function tour(page: Page, who: string, locale: Locale, list: readonly (readonly [string, string])[]) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, suffix] of list) {
        await page.goto(`${accord.url}${GROUP}${suffix}`);
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        if (name === 'timeline' && width >= 768) await page.getByTestId('timeline-picture').waitFor();
        await page.waitForLoadState('networkidle');
        await noHorizontalScroll(page);
        await noCutBadges(page);
        await shot(page, `${name}-${who}-${locale}-${width}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('as a co-chair', async () => {
    for (const locale of ['en', 'ko'] as const) {
      await switchLanguage(cochair, locale);
      await tour(cochair, 'cochair', locale, pages);
      await cochair.goto(`${accord.url}${GROUP}/members`);
      await cochair.getByRole('button', { name: catalogs[locale].members.invite }).click();
      await cochair.getByRole('dialog').waitFor();
      await cochair.waitForTimeout(300);
      await shot(cochair, `invite-modal-${locale}-1280`, false);
      await cochair.keyboard.press('Escape');
    }
  });

  it('as an observer', async () => {
    const observer = (await browser()).page;
    await signInWithLink(observer, accord.linkFor('Élodie Fairbanks'));
    await observer.getByRole('heading', { level: 1 }).waitFor();
    for (const locale of ['en', 'ko'] as const) {
      await observer.goto(`${accord.url}${GROUP}`);
      await switchLanguage(observer, locale);
      await tour(observer, 'observer', locale, [['members', '/members']]);
    }
    await observer.goto(`${accord.url}${GROUP}/audit`);
    await observer.getByRole('heading', { name: catalogs.ko.app.notFoundTitle, level: 1 }).waitFor();
  });

  it('raised no errors and no Content-Security-Policy violations in any browser', () => {
    expect(problems).toEqual([]);
  });
});
