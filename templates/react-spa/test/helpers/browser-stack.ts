/**
 * The set-up every browser test shares: the built SPA served by the BFF in production mode, the Pinterest
 * mock as Pinterest (consent page shown, not auto-approved), and one Chromium page that records every
 * Content-Security-Policy violation and script error, so each test can fail on the ones it caused.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildSpa, TEMPLATE_ROOT } from './build.js';
import { launchChromium } from './chromium.js';
import { type Stack, startStack } from './stack.js';

/** Where the browser tests leave their screenshots (kept by CI with the reports). */
export const SCREENSHOTS = join(TEMPLATE_ROOT, 'reports', 'screenshots');

export interface BrowserStack {
  stack: Stack;
  browser: Awaited<ReturnType<typeof launchChromium>>;
  page: Page;
  /** CSP violations and script errors since the last {@link BrowserStack.takePageErrors}. */
  takePageErrors(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startBrowserStack(): Promise<BrowserStack> {
  const { outDir } = await buildSpa();
  const cleanUps: (() => Promise<void>)[] = [async () => rmSync(outDir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  };
  try {
    const stack = await startStack({ staticDir: outDir, autoApprove: false });
    cleanUps.push(() => stack.close());
    const browser = await launchChromium();
    cleanUps.push(() => browser.close());
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Uncaught/i.test(message.text()))
        pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
    return {
      stack,
      browser,
      page,
      async takePageErrors() {
        // A round trip to the page first, so that events it sent during the test have arrived.
        await page.evaluate(() => document.readyState).catch(() => undefined);
        return pageErrors.splice(0);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
