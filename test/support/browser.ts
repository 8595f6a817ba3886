import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

import { findChromium } from './find-chromium.js';

/** Headless, no sandbox (containers), nothing reaching beyond loopback. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own user-data folder (a persistent context, removed on close). */
export async function launchBrowser(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  /** The person's time zone (an IANA name); the machine's when absent. */
  timezoneId?: string,
): Promise<LaunchedBrowser> {
  const found = await findChromium();
  if ('missing' in found) throw new Error(found.missing);
  const userDataDir = mkdtempSync(join(tmpdir(), 'tollgate-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: found.path,
    headless: true,
    args: CHROMIUM_FLAGS,
    // Chromium takes its locale from the environment (LANG=C.UTF-8 gives en-US@posix, whose
    // month and date fields put the year first): one locale whatever the machine's, so a key
    // pressed in a date field steps the same part everywhere.
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
    viewport,
    ...(timezoneId ? { timezoneId } : {}),
  });
  const browser = context.browser();
  return {
    browser: browser as Browser,
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

/** Saves the whole page as test-output/screenshots/<name>.png (not committed) for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
