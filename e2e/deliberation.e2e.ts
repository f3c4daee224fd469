import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensusGrade } from '../src/core/consensus';
import { DRAFT_LINE_WIDTH, lineAt, numberLines, type Line } from '../src/core/text-lines';
import { catalogs } from '../src/core/i18n';
import { DEMO_GROUP_SLUG } from '../src/server/db/seed/demo';
import { type Accord, artifacts, noCutBadges, noHorizontalScroll, openBrowser, startAccord } from './helpers';

/**
 * Deliberation on a draft (#5 part 8): a co-chair names a version; a member proposes an
 * amendment from the paragraph the caret is in, and a second one to the same paragraph is
 * flagged as colliding; the co-chair accepts the first and both see the live text change; an
 * observer comments on selected words and mentions a head; two delegation heads record their
 * committees' positions (a reservation with its text, an objection with its change) and the
 * consensus badge reads as src/core grades it; a stale position is told and shown theirs; the
 * co-chair starts silence and a head breaks it; compare shows the accepted change. Screens at
 * 1280 and 375 px in English and Korean, without console errors.
 */

const en = catalogs.en;
const ko = catalogs.ko;
const ALL = [en, ko, catalogs.zh, catalogs.ja];
const GROUP = `/groups/${DEMO_GROUP_SLUG}`;
const TITLE = 'Recommendations on maritime confidence building';
const P1 = 'The study group met in Seoul and heard the coast guards of five members.';
const P2 = 'Member committees should urge their governments to open hotlines between coast guards.';
const P3 = 'Member committees should propose a yearly joint search and rescue exercise.';
const VERSION = 'Draft for the Tokyo meeting';

let accord: Accord;
type Browser = Awaited<ReturnType<typeof openBrowser>>;
const browsers: Browser[] = [];
const problems: string[] = [];
let cochair: Page;
let member: Page;
let observer: Page;
let krHead: Page;
let usHead: Page;
let draftUrl = '';

const anyOf = (pick: (c: typeof en) => string) => new RegExp(`^(${ALL.map(pick).join('|')})$`);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `deliberation-${name}.png`), fullPage: true });
const paragraphs = (page: Page) => page.locator('[data-testid="draft-text"] > p');
const amendment = (page: Page, label: string) => page.locator(`[data-testid="amendment"][data-label="${label}"]`);
const row = (page: Page, n: number) => page.locator(`[data-testid="positions-row"][data-rec="${n}"]`);

async function personPage(name: string): Promise<Page> {
  const browser = await openBrowser('en-US');
  browsers.push(browser);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    // The stale position, refused on purpose.
    if (msg.text().includes('status of 409')) return;
    problems.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${name}: ${String(err)}`));
  await page.goto(accord.linkFor(name));
  await page.getByRole('button', { name: anyOf((c) => c.auth.skipForNow) }).click();
  await page.getByRole('link', { name: anyOf((c) => c.nav.studyGroups) }).first().waitFor();
  return page;
}

async function openDraft(page: Page) {
  await page.goto(draftUrl);
  await page.getByTestId('draft-page').waitFor();
  await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-status'), { timeout: 20_000 }).toBe('connected');
  await page.getByTestId('draft-text').waitFor();
  await expect.poll(() => paragraphs(page).count()).toBe(3);
}

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await accord?.stop();
});

describe('deliberating on a draft', () => {
  it('a co-chair starts a draft with two recommendations and names a version', async () => {
    cochair = await personPage('Jonathan R. Ashby');
    await cochair.goto(`${accord.url}${GROUP}`);
    await cochair.getByTestId('group-tab-drafts').click();
    const start = cochair.locator('[data-testid="draft-start"], [data-testid="draft-start-first"]').first();
    await start.waitFor();
    await cochair.waitForLoadState('networkidle');
    await start.click();
    await cochair.getByTestId('draft-title-input').fill(TITLE);
    await cochair.getByTestId('draft-text-input').fill(`${P1}\n\n${P2}\n\n${P3}`);
    await cochair.getByTestId('draft-start-submit').click();
    await cochair.getByTestId('draft-page').waitFor();
    draftUrl = cochair.url();
    await openDraft(cochair);
    for (const n of [1, 2]) {
      await paragraphs(cochair).nth(n).click();
      await cochair.getByTestId('draft-tool-recommendation').click();
    }
    await expect.poll(() => paragraphs(cochair).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-rec')))).toEqual([null, 'R1', 'R2']);
    await expect.poll(() => cochair.getByTestId('sync-state').getAttribute('data-unsynced')).toBe('0');
    // "Saved" waits for the store, not for the server's acknowledgement.
    await expect.poll(() => cochair.getByTestId('sync-state').getAttribute('data-stored'), { timeout: 15_000 }).toBe('true');
    expect(await cochair.getByTestId('sync-state').innerText()).toContain(en.drafts.connection.allSaved);

    await cochair.getByTestId('tab-versions').click();
    await cochair.getByTestId('versions-empty').waitFor();
    await cochair.getByTestId('version-name').fill(VERSION);
    await cochair.getByTestId('version-name-save').click();
    await cochair.locator('[data-testid="version"][data-number="1"]').waitFor();
    expect(await cochair.locator('[data-testid="version"][data-number="1"]').innerText()).toContain(VERSION);
  });

  it('a member proposes an amendment from the paragraph the caret is in; a second one to it is flagged as colliding', async () => {
    member = await personPage('Oh Se-rin');
    await openDraft(member);
    await member.getByTestId('tab-amendments').click();
    await paragraphs(member).nth(1).click();
    await expect.poll(() => member.getByTestId('amendment-propose').innerText()).toContain('¶2 · R1');
    await member.getByTestId('amendment-propose').click();
    expect(await member.getByTestId('amendment-text').inputValue()).toBe(P2);
    await member.getByTestId('amendment-text').fill(P2.replace('urge', 'encourage'));
    await member.getByTestId('amendment-rationale').fill('Softer wording that every government can accept.');
    await member.getByTestId('amendment-submit').click();
    await amendment(member, 'A1').waitFor();
    // It cites the line of the amended version it changes, as the line view numbers them.
    const line = (numberLines([P1, P2, P3], DRAFT_LINE_WIDTH)[1] as { firstLine: number; lines: Line[] });
    const cited = line.firstLine + lineAt(line.lines, P2.indexOf('urge'));
    expect(await amendment(member, 'A1').getByTestId('amendment-where').innerText()).toBe(`¶2 · R1 · ${en.deliberation.amendments.line.replace('{{line}}', String(cited))}`);
    expect(await amendment(member, 'A1').getByTestId('diff-del').allInnerTexts()).toContain('urge');
    expect(await amendment(member, 'A1').getByTestId('diff-ins').allInnerTexts()).toContain('encourage');

    await paragraphs(member).nth(1).click();
    await member.getByTestId('amendment-propose').click();
    await member.getByTestId('amendment-text').fill(P2.replace('coast guards.', 'coast guards and navies.'));
    await member.getByTestId('amendment-rationale').fill('Navies meet at sea as well.');
    await member.getByTestId('amendment-submit').click();
    await amendment(member, 'A2').waitFor();
    await expect.poll(() => amendment(member, 'A1').getByTestId('amendment-collides').innerText()).toContain(en.deliberation.amendments.collides.replace('{{label}}', 'A2'));
    expect(await amendment(member, 'A2').getByTestId('amendment-collides').innerText()).toContain(en.deliberation.amendments.collides.replace('{{label}}', 'A1'));
    // Hovering marks the paragraph in the text.
    await amendment(member, 'A1').hover();
    await expect.poll(() => paragraphs(member).nth(1).getAttribute('data-highlight')).toBe('true');
    await shot(member, 'amendments-en-1280');
  });

  it('a member proposes a new paragraph after R2, which cites the line it follows', async () => {
    await paragraphs(member).nth(2).click();
    await expect.poll(() => member.getByTestId('amendment-propose').innerText()).toContain('¶3 · R2');
    await member.getByTestId('amendment-propose').click();
    await member.getByTestId('amendment-kind').getByText(en.deliberation.amendments.kindAdd).click();
    expect(await member.getByTestId('amendment-text').inputValue()).toBe('');
    await member.getByTestId('amendment-text').fill('Member committees should share the lessons of each exercise.');
    await member.getByTestId('amendment-rationale').fill('An exercise teaches little unless its lessons are shared.');
    await member.getByTestId('amendment-submit').click();
    await amendment(member, 'A3').waitFor();
    const numbered = numberLines([P1, P2, P3], DRAFT_LINE_WIDTH)[2] as { firstLine: number; lineCount: number };
    const after = numbered.firstLine + numbered.lineCount - 1;
    expect(await amendment(member, 'A3').getByTestId('amendment-where').innerText()).toContain(en.deliberation.amendments.afterLine.replace('{{line}}', String(after)));
    expect((await amendment(member, 'A3').getByTestId('diff-ins').allInnerTexts()).join(' ')).toContain('share the lessons');
  });

  it('the co-chair accepts A1 and both see the live text change', async () => {
    await cochair.getByTestId('tab-amendments').click();
    await amendment(cochair, 'A1').waitFor();
    await amendment(cochair, 'A1').getByTestId('amendment-accept').click();
    await expect.poll(() => amendment(cochair, 'A1').getByTestId('amendment-status').getAttribute('data-status')).toBe('accepted');
    for (const page of [cochair, member]) await expect.poll(() => paragraphs(page).nth(1).innerText(), { timeout: 15_000 }).toBe(P2.replace('urge', 'encourage'));
    // No longer colliding once A1 is decided, but out of date: its paragraph reads as A1 made it,
    // and accepting it would replace that, so it says so and offers to accept over the current text.
    await expect.poll(() => amendment(cochair, 'A2').getByTestId('amendment-collides').count()).toBe(0);
    await amendment(cochair, 'A2').getByTestId('amendment-out-of-date').waitFor();
    expect(await amendment(cochair, 'A2').getByTestId('amendment-overtaken').innerText()).toContain(en.deliberation.amendments.overtakenBy.replace('{{label}}', 'A1'));
    expect(await amendment(cochair, 'A2').getByTestId('amendment-accept').innerText()).toContain(en.deliberation.amendments.acceptOverCurrent);
    // Pushed to the proposer's screen as it is committed (it was polled every 15 s).
    await expect.poll(() => amendment(member, 'A1').getByTestId('amendment-status').getAttribute('data-status'), { timeout: 5_000 }).toBe('accepted');
    await expect.poll(() => amendment(member, 'A2').getByTestId('amendment-out-of-date').count(), { timeout: 5_000 }).toBe(1);
  });

  it('an observer comments on selected words and mentions a head', async () => {
    observer = await personPage('Élodie Fairbanks');
    await openDraft(observer);
    await observer.getByTestId('tab-comments').click();
    await observer.getByTestId('comments-select-hint').waitFor();
    await paragraphs(observer).nth(0).evaluate((p) => {
      const text = p.firstChild as Text;
      const at = (text.textContent ?? '').indexOf('coast guards');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'coast guards'.length);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    });
    await observer.getByTestId('comment-new').waitFor();
    expect(await observer.getByTestId('comment-new').innerText()).toContain('coast guards');
    await observer.getByTestId('comment-body').fill('Which five members? Please name them.');
    await observer.getByTestId('comment-mentions').click();
    await observer.getByTestId('comment-mentions').fill('Seo');
    await observer.getByRole('option', { name: /Seo Do-yun/ }).click();
    await observer.getByTestId('comment-submit').click();
    const thread = observer.getByTestId('comment-thread').first();
    await thread.waitFor();
    expect(await thread.innerText()).toContain('coast guards');
    expect(await thread.getByTestId('comment-mentioned').innerText()).toContain('@Seo Do-yun');
    // The co-chair sees it too.
    await cochair.getByTestId('tab-comments').click();
    await expect.poll(() => cochair.getByTestId('comment-thread').count(), { timeout: 20_000 }).toBe(1);
  });

  it('two heads record positions; the badge reads as src/core grades them; a stale one is told and shown theirs', async () => {
    krHead = await personPage('Seo Do-yun');
    await openDraft(krHead);
    await krHead.getByTestId('tab-positions').click();
    await row(krHead, 1).waitFor();
    const kr = row(krHead, 1).locator('[data-testid="positions-cell"][data-code="KR"]');
    await kr.getByTestId('position-record').click();
    await krHead.getByTestId('position-option-reservation').click();
    await krHead.getByTestId('position-save').click();
    expect(await krHead.getByTestId('position-form').innerText()).toContain(ko.deliberation.positions.textRequired);
    await krHead.getByTestId('position-text-input').fill('한국 위원회는 핫라인의 운영 주체에 대해 유보한다.');
    await krHead.getByTestId('position-save').click();
    await krHead.getByTestId('position-form').waitFor({ state: 'detached' });
    await expect.poll(() => kr.locator('[data-position="reservation"]').count()).toBeGreaterThan(0);
    expect(await kr.getByTestId('position-text').innerText()).toContain('핫라인');

    usHead = await personPage('Marisol Vega-Hartley');
    await openDraft(usHead);
    await usHead.getByTestId('tab-positions').click();
    const us = row(usHead, 1).locator('[data-testid="positions-cell"][data-code="US"]');
    await us.getByTestId('position-record').click();
    await usHead.getByTestId('position-option-objection').click();
    await usHead.getByTestId('position-change-input').fill('Name the coast guards, not the governments, as the parties to the hotlines.');
    await usHead.getByTestId('position-save').click();
    await usHead.getByTestId('position-form').waitFor({ state: 'detached' });

    const expected = consensusGrade({ support: 0, can_live_with: 0, reservation: 1, objection: 1 }) ?? 'none';
    for (const [page, c] of [
      [usHead, en],
      [krHead, ko],
    ] as const) {
      await expect.poll(() => row(page, 1).getByTestId('consensus').getAttribute('data-grade'), { timeout: 20_000 }).toBe(expected);
      expect(await row(page, 1).getByTestId('consensus').innerText()).toContain(c.deliberation.grade[expected as keyof typeof c.deliberation.grade]);
    }

    // Stale: the head opens the form, and meanwhile the position is changed elsewhere (another tab).
    await us.getByTestId('position-record').click();
    await usHead.getByTestId('position-change-input').fill('Name the coast guards as the parties.');
    await usHead.evaluate(async (url) => {
      const m = /\/groups\/([^/]+)\/drafts\/([^/?#]+)/.exec(new URL(url).pathname);
      const base = `/api/study-groups/${m?.[1]}/drafts/${m?.[2]}`;
      const matrix = (await (await fetch(`${base}/consensus`)).json()) as { recommendations: { uid: string; cells: { position: { version: number; committee: { code: string } } | null }[] }[]; version: { number: number } };
      const rec = matrix.recommendations[0];
      const cell = rec?.cells.find((c) => c.position?.committee.code === 'US');
      const { csrfToken } = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch(`${base}/versions/${matrix.version.number}/positions/${rec?.uid}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ position: 'can_live_with', version: cell?.position?.version ?? 0 }),
      });
      return res.status;
    }, draftUrl).then((status) => expect(status).toBe(200));
    await usHead.getByTestId('position-save').click();
    await usHead.getByTestId('position-conflict').waitFor();
    expect(await usHead.getByTestId('position-conflict').innerText()).toContain(en.deliberation.positions.conflict);
    expect(await usHead.getByTestId('position-conflict-theirs').innerText()).toContain(en.deliberation.position.can_live_with);
    await shot(usHead, 'position-conflict-en-1280');
    await usHead.getByTestId('position-save').click();
    await usHead.getByTestId('position-form').waitFor({ state: 'detached' });
    await expect.poll(() => us.getByTestId('position-change').innerText()).toContain('Name the coast guards as the parties.');
  });

  it('the co-chair starts silence; a head breaks it with an objection', async () => {
    await cochair.getByTestId('tab-positions').click();
    await cochair.getByTestId('silence-start-form').waitFor();
    await cochair.getByTestId('silence-start').click();
    await cochair.getByTestId('silence-countdown').waitFor();
    expect(await cochair.getByTestId('silence-state').innerText()).toBe(en.deliberation.silence.state.running);
    expect(await cochair.getByTestId('silence-deadline-zones').innerText()).toContain('UTC');
    await shot(cochair, 'positions-en-1280');

    await krHead.reload();
    await krHead.getByTestId('tab-positions').click();
    await krHead.getByTestId('silence-break-open').click();
    await krHead.getByTestId('silence-break-reason').fill('운영 주체가 정해지기 전에는 채택할 수 없다.');
    await krHead.getByTestId('silence-break-send').click();
    await expect
      .poll(async () => {
        const failed = krHead.locator('[data-testid="silence-break-form"] [role="alert"]');
        if (await failed.count()) return `failed: ${await failed.innerText()}`;
        return krHead.getByTestId('silence-procedure').getAttribute('data-state');
      }, { timeout: 10_000 })
      .toBe('broken');
    const brk = krHead.getByTestId('silence-break').first();
    expect(await brk.innerText()).toContain('Seo Do-yun');
    expect(await brk.innerText()).toContain('운영 주체가');
    await expect.poll(() => cochair.getByTestId('silence-procedure').getAttribute('data-state'), { timeout: 20_000 }).toBe('broken');
  });

  it('compare shows the accepted change, word by word', async () => {
    await cochair.getByTestId('tab-versions').click();
    const cmp = cochair.getByTestId('comparison');
    await cmp.waitFor();
    const changed = cmp.locator('[data-testid="comparison-row"][data-op="change"]');
    await expect.poll(() => changed.count()).toBe(1);
    expect(await changed.getByTestId('diff-del').allInnerTexts()).toEqual(['urge']);
    expect(await changed.getByTestId('diff-ins').allInnerTexts()).toEqual(['encourage']);
  });

  it('compare with the live text follows typing, with no reload and no new version', async () => {
    const cmp = cochair.getByTestId('comparison');
    const changed = cmp.locator('[data-testid="comparison-row"][data-op="change"]');
    await paragraphs(cochair).nth(0).click();
    await cochair.keyboard.press('End');
    await cochair.keyboard.type(' Both sides agree.');
    // It used to say what the server answered a minute before ("Changed 0" after three edits).
    await expect.poll(() => changed.count(), { timeout: 5_000 }).toBe(2);
    expect((await changed.first().getByTestId('diff-ins').allInnerTexts()).join(' ')).toContain('agree.');
  });
});

describe('screens', () => {
  it('reads well at 1280 and 375 px, in English and Korean, without console errors', async () => {
    for (const [page, lang] of [
      [cochair, 'en'],
      [krHead, 'ko'],
    ] as const) {
      await openDraft(page);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        for (const tab of ['amendments', 'comments', 'positions', 'versions']) {
          await page.getByTestId(`tab-${tab}`).click();
          await page.getByTestId(`${tab}-panel`).waitFor();
          await page.waitForLoadState('networkidle');
          await noHorizontalScroll(page);
          await noCutBadges(page);
          // On a phone the positions are a card per recommendation, not a table to swipe.
          if (tab === 'positions') expect(await page.getByTestId(width < 640 ? 'positions-cards' : 'positions-matrix').count()).toBe(1);
          await shot(page, `${tab}-${lang}-${width}`);
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(problems).toEqual([]);
  });
});
