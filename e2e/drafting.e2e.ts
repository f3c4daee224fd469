import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../src/core/i18n';
import { numberLines, textWidth } from '../src/core/text-lines';
import { DEMO_GROUP_SLUG } from '../src/server/db/seed/demo';
import { type Accord, artifacts, noHorizontalScroll, openBrowser, startAccord } from './helpers';

/**
 * Live drafts (#5 parts 1, 2, 8): a co-chair starts a draft from the group's Drafts tab; a
 * delegation head (reading Korean) opens it and both type at once and converge, each seeing the
 * other here and the other's named caret; the co-chair marks a paragraph as a recommendation and
 * both see R1; an observer follows the text live and cannot type; the head goes offline, types,
 * comes back and the edits merge; a Korean draft with a Japanese paragraph reads in lines of 60
 * columns numbered as src/core numbers them. Screens at 1280 and 375 px in English and Korean,
 * without console errors or CSP violations.
 */

const en = catalogs.en;
const ko = catalogs.ko;
const ALL = [en, ko, catalogs.zh, catalogs.ja];
const GROUP = `/groups/${DEMO_GROUP_SLUG}`;
const TITLE = 'Recommendations on preventing incidents at sea';
const P1 = 'The study group met three times and heard the coast guards of five members.';
const P2 = 'Member committees should urge their governments to open hotlines between coast guards.';
const KO_TITLE = '해상 우발 충돌 방지에 관한 권고';
const KO_P1 =
  '연구그룹은 동북아시아 해역에서 해양 사고가 반복되는 원인을 검토하였으며, 각국 해안경비 당국 사이의 상시 연락 체계가 부족하다는 점에 주목하였다. 회원 위원회는 자국 정부에 이러한 체계의 구축을 촉구하여야 한다.';
const JA_P2 = '各国の海上保安機関の間にホットラインを設け、年に一度の合同訓練を通じて運用を確認することを提言する。あわせて、事故発生時の通報手順を共通化し、地域全体で共有する。';

let accord: Accord;
type Browser = Awaited<ReturnType<typeof openBrowser>>;
const browsers: Browser[] = [];
const problems: string[] = [];
let cochair: Page;
let head: Page;
let headContext: BrowserContext;
let observer: Page;
let draftUrl = '';

const anyOf = (pick: (c: typeof en) => string) => new RegExp(`^(${ALL.map(pick).join('|')})$`);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `drafting-${name}.png`), fullPage: true });
/** The text as written, one line per block, without the others' caret labels that sit inside it. */
const editorText = (page: Page) =>
  page.getByTestId('draft-text').evaluate((root) =>
    Array.from(root.querySelectorAll('p, h2, h3'))
      .map((block) => {
        const copy = block.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-testid="remote-caret"]').forEach((c) => c.remove());
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
const paragraphs = (page: Page) => page.locator('[data-testid="draft-text"] > p');

async function personPage(name: string): Promise<{ page: Page; context: BrowserContext }> {
  const browser = await openBrowser('en-US');
  browsers.push(browser);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    // The stale rename, refused on purpose.
    if (msg.text().includes('status of 409')) return;
    problems.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${name}: ${String(err)}`));
  await page.goto(accord.linkFor(name));
  await page.getByRole('button', { name: anyOf((c) => c.auth.skipForNow) }).click();
  await page.getByRole('link', { name: anyOf((c) => c.nav.studyGroups) }).first().waitFor();
  return { page, context: browser.context };
}

async function connected(page: Page) {
  await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-status'), { timeout: 20_000 }).toBe('connected');
}

async function openDraft(page: Page) {
  await page.goto(draftUrl);
  await page.getByTestId('draft-page').waitFor();
  await connected(page);
  await page.getByTestId('draft-text').waitFor();
}

/** Puts the caret at the end of the n-th paragraph and types. */
async function typeAtEnd(page: Page, n: number, text: string) {
  await paragraphs(page).nth(n).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text, { delay: 15 });
}

/** Puts the caret at the very end of the n-th paragraph through the DOM selection, as a click at its end would. */
async function caretAtEndOf(page: Page, n: number) {
  await paragraphs(page).nth(n).click();
  await paragraphs(page)
    .nth(n)
    .evaluate((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      range.collapse(false);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    });
  // ProseMirror reads the DOM selection on selectionchange.
  await page.waitForTimeout(50);
}

const paragraphText = (page: Page, n: number) =>
  paragraphs(page)
    .nth(n)
    .evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[data-testid="remote-caret"]').forEach((c) => c.remove());
      return copy.textContent ?? '';
    });

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  accord = await startAccord();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await accord?.stop();
});

describe('writing a draft together', () => {
  it('the Drafts tab lists the demo group’s draft under discussion, and a co-chair starts another', async () => {
    ({ page: cochair } = await personPage('Jonathan R. Ashby'));
    await cochair.goto(`${accord.url}${GROUP}`);
    await cochair.getByTestId('group-tab-drafts').click();
    await expect.poll(() => cochair.getByText('Recommendations on confidence-building in Northeast Asia').count()).toBe(1);
    expect(await cochair.getByTestId('drafts-empty').count()).toBe(0);
    await cochair.waitForLoadState('networkidle');
    await shot(cochair, 'list-demo-en-1280');

    await cochair.getByTestId('draft-start').click();
    await cochair.getByTestId('draft-title-input').fill(TITLE);
    expect(await cochair.getByTestId('draft-lang').inputValue()).toBe('English');
    await cochair.getByTestId('draft-text-input').fill(`${P1}\n\n${P2}`);
    await cochair.getByTestId('draft-start-submit').click();
    await cochair.getByTestId('draft-page').waitFor();
    draftUrl = cochair.url();
    expect(await cochair.getByTestId('draft-title').innerText()).toBe(TITLE);
    expect(await cochair.getByTestId('draft-title').getAttribute('lang')).toBe('en');
    await connected(cochair);
    await expect.poll(() => paragraphs(cochair).count()).toBe(2);
    // ¶ numbers on both paragraphs, no recommendation yet.
    expect(await paragraphs(cochair).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-para')))).toEqual(['1', '2']);
    expect(await cochair.locator('[data-testid="draft-text"] [data-rec]').count()).toBe(0);
  });

  it('a delegation head opens it; both type at once, see each other and converge', async () => {
    ({ page: head, context: headContext } = await personPage('Seo Do-yun'));
    await openDraft(head);
    expect(await head.locator('html').getAttribute('lang')).toBe('ko');
    // Each sees the other here.
    for (const [page, other] of [
      [cochair, 'Seo Do-yun'],
      [head, 'Jonathan R. Ashby'],
    ] as const) {
      await page.locator(`[data-testid="presence-person"][data-name="${other}"]`).waitFor();
    }
    await Promise.all([typeAtEnd(cochair, 0, ' Two sessions were held in Busan.'), typeAtEnd(head, 1, ' 해안경비 당국 간 핫라인.')]);
    await expect.poll(async () => (await editorText(cochair)) === (await editorText(head)) && (await editorText(head)).includes('Busan.') && (await editorText(head)).includes('핫라인.'), { timeout: 15_000 }).toBe(true);
    const text = await editorText(cochair);
    expect(text).toContain(`${P1} Two sessions were held in Busan.`);
    expect(text).toContain(`${P2} 해안경비 당국 간 핫라인.`);
    // Named carets: each sees the other's, in the other's colour.
    await cochair.locator('[data-testid="remote-caret"][data-name="Seo Do-yun"]').waitFor();
    await head.locator('[data-testid="remote-caret"][data-name="Jonathan R. Ashby"]').waitFor();
  });

  // Two people typing at one spot: each run of characters stays whole on both screens (issue #9:
  // the binding used to put a caret back at its old offset after every remote keystroke in its
  // paragraph, so each typed into the other's words). At machine speed and at human speed.
  for (const [speed, delay] of [
    ['machine', 0],
    ['human', 110],
  ] as const) {
    it(`both typing at the end of one paragraph at once, at ${speed} speed, keep each one's words whole`, async () => {
      const before = await paragraphText(cochair, 0);
      const mine = speed === 'machine' ? ' We agree on hotlines.' : ' Both sides concur.';
      const theirs = speed === 'machine' ? ' 양측이 동의한다.' : ' 핫라인에 합의.';
      await caretAtEndOf(cochair, 0);
      await caretAtEndOf(head, 0);
      await Promise.all([cochair.keyboard.type(mine, { delay }), head.keyboard.type(theirs, { delay: delay === 0 ? 0 : delay + 17 })]);
      await expect.poll(async () => (await paragraphText(cochair, 0)) === (await paragraphText(head, 0)) && (await paragraphText(head, 0)).length === before.length + mine.length + theirs.length, { timeout: 15_000 }).toBe(true);
      const after = await paragraphText(head, 0);
      expect([`${before}${mine}${theirs}`, `${before}${theirs}${mine}`], `the paragraph reads: ${after}`).toContain(after);
    });
  }

  it('the co-chair marks a paragraph as a recommendation and both see R1', async () => {
    await paragraphs(cochair).nth(1).click();
    await cochair.getByTestId('draft-tool-recommendation').click();
    expect(await cochair.getByTestId('draft-tool-recommendation').getAttribute('aria-pressed')).toBe('true');
    for (const page of [cochair, head]) {
      await expect.poll(() => paragraphs(page).nth(1).getAttribute('data-rec')).toBe('R1');
      expect(await paragraphs(page).nth(1).getAttribute('data-kind')).toBe('recommendation');
    }
    // A new paragraph before it renumbers both, live.
    await paragraphs(cochair).nth(0).click();
    await cochair.keyboard.press('End');
    await cochair.keyboard.press('Enter');
    await cochair.keyboard.type('Recalling the Seoul statement of 2019.', { delay: 10 });
    for (const page of [cochair, head]) await expect.poll(() => paragraphs(page).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-para')))).toEqual(['1', '2', '3']);
    await expect.poll(() => paragraphs(head).nth(2).getAttribute('data-rec')).toBe('R1');
    await shot(cochair, 'together-en-1280');
    await shot(head, 'together-ko-1280');
  });

  it('an observer follows the text live but cannot type, and is told why', async () => {
    ({ page: observer } = await personPage('Élodie Fairbanks'));
    await openDraft(observer);
    expect(await observer.getByTestId('draft-page').getAttribute('data-access')).toBe('comment');
    expect(await observer.getByTestId('read-only-note').innerText()).toBe(en.drafts.readOnly.observer);
    expect(await observer.getByTestId('draft-text').getAttribute('contenteditable')).toBe('false');
    expect(await observer.locator('[role="toolbar"]').count()).toBe(0);
    await expect.poll(() => editorText(observer)).toBe(await editorText(cochair));
    await typeAtEnd(cochair, 0, ' Live for observers too.');
    await expect.poll(() => editorText(observer)).toContain('Live for observers too.');
    // Typing does nothing.
    await paragraphs(observer).nth(0).click();
    await observer.keyboard.type('observer words');
    await new Promise((r) => setTimeout(r, 800));
    expect(await editorText(observer)).not.toContain('observer words');
    expect(await editorText(cochair)).not.toContain('observer words');
  });

  it('the head goes offline, keeps writing, and the edits merge when back', async () => {
    await headContext.setOffline(true);
    await expect.poll(() => head.getByTestId('connection-state').getAttribute('data-status')).toBe('offline');
    expect(await head.getByTestId('connection-note').innerText()).toBe(ko.drafts.connection.offlineNote);
    await typeAtEnd(head, 0, ' 오프라인에서 쓴 문장.');
    await typeAtEnd(cochair, 2, ' Written meanwhile online.');
    await new Promise((r) => setTimeout(r, 500));
    expect(await editorText(cochair)).not.toContain('오프라인에서');
    await shot(head, 'offline-ko-1280');
    await headContext.setOffline(false);
    await connected(head);
    await expect.poll(async () => (await editorText(cochair)) === (await editorText(head)) && (await editorText(cochair)).includes('오프라인에서 쓴 문장.') && (await editorText(head)).includes('Written meanwhile online.'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => editorText(observer)).toBe(await editorText(cochair));
    // Stored on the server: the text the API reads is the same.
    const api = await cochair.evaluate(async (url) => {
      const m = /\/groups\/([^/]+)\/drafts\/([^/?#]+)/.exec(new URL(url).pathname);
      const res = await fetch(`/api/study-groups/${m?.[1]}/drafts/${m?.[2]}/text`);
      return (await res.json()) as { paragraphs: { text: string; kind: string }[] };
    }, draftUrl);
    expect(api.paragraphs.map((p) => p.kind)).toEqual(['text', 'text', 'recommendation']);
    expect(api.paragraphs[0]?.text).toContain('오프라인에서 쓴 문장.');
    expect(api.paragraphs[2]?.text).toContain('Written meanwhile online.');
  });

  it('a rename sends the version read; a stale one is told and shown both titles', async () => {
    await cochair.getByTestId('draft-rename').click();
    await head.getByTestId('draft-rename').click();
    await cochair.getByTestId('draft-rename-input').fill(`${TITLE} (second reading)`);
    await cochair.getByTestId('draft-rename-save').click();
    await cochair.getByTestId('draft-rename-form').waitFor({ state: 'detached' });
    expect(await cochair.getByTestId('draft-title').innerText()).toBe(`${TITLE} (second reading)`);
    await head.getByTestId('draft-rename-input').fill('해상 사고 방지 권고');
    await head.getByTestId('draft-rename-save').click();
    await head.getByTestId('draft-rename-conflict').waitFor();
    expect(await head.getByTestId('draft-rename-input').inputValue()).toBe(`${TITLE} (second reading)`);
    expect(await head.getByTestId('draft-rename-conflict').innerText()).toContain('해상 사고 방지 권고');
    await head.getByTestId('draft-rename-form').getByRole('button', { name: ko.common.cancel }).click();
  });
});

describe('line numbers', () => {
  it('a Korean draft with a Japanese paragraph reads in lines of 60 columns, numbered as src/core numbers them', async () => {
    await head.goto(`${accord.url}${GROUP}/drafts`);
    await head.getByTestId('drafts-list').waitFor();
    await head.getByTestId('draft-start').click();
    await head.getByTestId('draft-title-input').fill(KO_TITLE);
    await head.getByTestId('draft-text-input').fill(`${KO_P1}\n\n${JA_P2}`);
    expect(await head.getByTestId('draft-lang').inputValue()).toBe('한국어');
    await head.getByTestId('draft-start-submit').click();
    await head.getByTestId('draft-page').waitFor();
    await connected(head);
    await expect.poll(() => paragraphs(head).count()).toBe(2);
    await paragraphs(head).nth(1).click();
    await head.getByTestId('draft-tool-recommendation').click();
    await expect.poll(() => paragraphs(head).nth(1).getAttribute('data-rec')).toBe('R1');

    await head.getByTestId('draft-lines-toggle').click({ force: true });
    const lines = head.getByTestId('draft-lines');
    await lines.waitFor();
    expect(await lines.locator('[lang="ko"]').count()).toBe(1);
    const expected = numberLines([KO_P1, JA_P2], 60);
    const shown = await head.getByTestId('line').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-line')), e.querySelector('[data-testid="line-text"]')?.textContent ?? '']));
    expect(shown).toEqual(expected.flatMap((p) => p.lines.map((l, i) => [p.firstLine + i, l.text])));
    expect(expected[1]?.lineCount).toBeGreaterThan(1);
    for (const [, text] of shown) expect(textWidth(String(text))).toBeLessThanOrEqual(60);
    expect(await lines.getByTestId('line-rec').innerText()).toBe('R1');
    await shot(head, 'lines-ko-1280');
    // Live: a change by someone else shows in the line view at once.
    await cochair.goto(head.url());
    await connected(cochair);
    await typeAtEnd(cochair, 1, ' 追記。');
    await expect.poll(() => lines.innerText()).toContain('追記。');
  });
});

describe('screens', () => {
  it('reads well at 1280 and 375 px, in English and Korean, without console errors', async () => {
    await cochair.goto(draftUrl);
    await connected(cochair);
    for (const [page, lang] of [
      [cochair, 'en'],
      [head, 'ko'],
    ] as const) {
      if (page === head) {
        await head.goto(draftUrl);
        await connected(head);
      }
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.getByTestId('draft-text').waitFor();
        await noHorizontalScroll(page);
        await shot(page, `draft-${lang}-${width}`);
      }
      await page.getByTestId('draft-lines-toggle').click({ force: true });
      await page.getByTestId('draft-lines').waitFor();
      await noHorizontalScroll(page);
      await shot(page, `lines-${lang}-375`);
      await page.goto(`${accord.url}${GROUP}/drafts`);
      await page.getByTestId('drafts-list').waitFor();
      await noHorizontalScroll(page);
      await shot(page, `list-${lang}-375`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await shot(page, `list-${lang}-1280`);
    }
    expect(problems).toEqual([]);
  });
});
