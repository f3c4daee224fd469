import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const root = path.resolve(import.meta.dirname, '..');
export const artifacts = path.join(root, '.e2e-artifacts');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Accord {
  url: string;
  stdout: string;
  /** The printed one-time sign-in link of a person, by the name shown in the terminal. */
  linkFor(name: string): string;
  stop(): Promise<void>;
}

/** Starts Accord exactly as `npm start` does (scripts/start.mjs) on a fresh data folder. */
export async function startAccord(env: Record<string, string> = {}): Promise<Accord> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Accord did not start in time:\n${stdout}\n${stderr}`)), 90_000);
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Accord is ready at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Accord exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    stdout,
    linkFor(name) {
      const line = stdout.split('\n').find((l) => l.includes(name) && l.includes('/link#'));
      const url = line?.match(/(http:\/\/\S+\/link#[\w-]+)/)?.[1];
      if (!url) throw new Error(`no sign-in link printed for ${name}:\n${stdout}`);
      return url;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium with a fresh profile, as a person's browser set to `locale`. */
export async function openBrowser(locale = 'en-US'): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    locale,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page fits the window's width: nothing makes the reader scroll sideways. */
export async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** No badge's words are cut off ("보…" for 보고관): each label shows all of itself. */
export async function noCutBadges(page: Page) {
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.mantine-Badge-label')]
      .filter((el) => {
        // Shown on screen: not inside something hidden or visually hidden (for screen readers, 1 px wide).
        for (let a: HTMLElement | null = el; a; a = a.parentElement) if (a.offsetWidth <= 1 || getComputedStyle(a).visibility === 'hidden') return false;
        return el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => el.textContent ?? ''),
  );
  expect(cut).toEqual([]);
}
