import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from './browser.js';
import type { DemoServer } from './demo-server.js';

/**
 * Signs `page` in to the demo server through its sign-in form as the role's demo login (a
 * user name and password, so the session lives in the HTTP-only cookie), and waits until the
 * dashboard says who is signed in.
 */
export async function signInPage(
  page: Page,
  server: DemoServer,
  role: keyof DemoServer['logins'],
): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('User name').fill(server.logins[role].name);
  await page.getByLabel('Password').fill(server.logins[role].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

/**
 * A fresh Chromium whose page is signed in to the demo server through its sign-in form as the
 * role's demo login, with the reader's clock in `timeZone` (an IANA name, set through the
 * DevTools protocol as the views read it), and `timeout` as every wait's default.
 */
export async function signedInPage(
  server: DemoServer,
  role: keyof DemoServer['logins'],
  timeZone: string,
  timeout: number,
): Promise<{ browser: LaunchedBrowser; page: Page }> {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(timeout);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: timeZone });
  await signInPage(page, server, role);
  return { browser, page };
}
