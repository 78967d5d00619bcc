/**
 * The New Pin dialog and the analytics route in real Chromium, against the built SPA served by the BFF and the
 * Pinterest mock. Publishing: the dialog is a labelled modal (focus inside, Tab wraps, Escape closes), an image
 * dropped through a DataTransfer is previewed, the first publish asks for pins:write/boards:write, the grant
 * goes through Pinterest's consent and back to the dialog, and the Pin then appears on its board. Analytics:
 * its chunk loads only on that route, the chart is drawn, the table's numbers are the mock's, the period and
 * the metric toggles change them. axe finds nothing serious or critical; screenshots at desktop and mobile.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SEED_USERS } from '@kit/pinterest-mock';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, SCREENSHOTS, startBrowserStack } from './helpers/browser-stack.js';
import type { Stack } from './helpers/stack.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ALICE = SEED_USERS[0]?.id ?? '';
/** A 2×2 red PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DwHwyBNAMDAwMDAwBHUAf5gB3VzwAAAABJRU5ErkJggg==';

/** axe-core's violations of impact serious or critical on the current page. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

/** Screenshots of the current page at desktop and phone widths. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-mobile.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('New Pin and Analytics in Chromium', () => {
  let shared: BrowserStack;
  let stack: Stack;
  let page: Page;
  const scripts: string[] = [];

  beforeAll(async () => {
    shared = await startBrowserStack();
    ({ stack, page } = shared);
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(stack.publicBase);
    await allowOnConsentPage(page.getByRole('button', { name: /Log in/ }).click());
    await page.getByTestId('username').waitFor();
  });
  afterEach(async () => {
    expect(await shared.takePageErrors(), 'Content-Security-Policy violations or script errors').toEqual([]);
  });
  afterAll(() => shared?.close());

  /** Runs `start` (which leads to Pinterest's consent page), presses Allow and waits to be back. */
  async function allowOnConsentPage(start: Promise<unknown>): Promise<void> {
    await start;
    await page.waitForURL((url) => url.href.startsWith(`${stack.mock.oauthUrl}/oauth/`));
    await page.locator('#allow').click();
    await page.waitForURL((url) => url.href.startsWith(stack.publicBase));
  }

  /** Drops the PNG on the dialog's drop zone, as a file dragged from the desktop would arrive. */
  async function dropImage(): Promise<void> {
    await page.getByTestId('dropzone').evaluate((zone, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'red.png', { type: 'image/png' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, PNG_BASE64);
    await page.getByRole('img', { name: 'Preview of red.png' }).waitFor();
  }

  it('the analytics route loads its own chunk, draws the chart, and its table shows the mock’s numbers', async () => {
    expect(scripts.some((path) => path.includes('AnalyticsPage'))).toBe(false);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await page.locator('[data-testid="chart"] canvas').waitFor();
    await page.locator('table.numbers tbody tr').first().waitFor();
    expect(scripts.some((path) => path.includes('AnalyticsPage'))).toBe(true);
    expect(await page.locator('table.numbers tbody tr').count()).toBe(30);

    // The same numbers as the mock's seed for these 30 days.
    const [start, end] = (await page.evaluate(() =>
      (document.querySelector('caption')?.textContent ?? '').match(/\d{4}-\d{2}-\d{2}/g),
    )) ?? ['', ''];
    const answer = (await stack.auth.client(ALICE).get('/user_account/analytics', {
      query: { start_date: String(start), end_date: String(end), metric_types: ['IMPRESSION', 'SAVE'] },
    })) as { all?: { daily_metrics?: Array<{ metrics?: Record<string, number> }> } };
    const sum = (metric: string) =>
      (answer.all?.daily_metrics ?? []).reduce((total, day) => total + (day.metrics?.[metric] ?? 0), 0);
    const totals = await page.locator('table.numbers tfoot td').allTextContents();
    expect(totals.slice(0, 2).map(Number)).toEqual([sum('IMPRESSION'), sum('SAVE')]);
    expect(sum('IMPRESSION')).toBeGreaterThan(0);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'analytics');

    // Metric toggles: Saves leaves the table; 7 days: 7 rows.
    await page.getByRole('checkbox', { name: 'Saves' }).uncheck();
    expect(await page.locator('table.numbers thead th').allTextContents()).toEqual([
      'Date',
      'Impressions',
      'Pin clicks',
      'Outbound clicks',
    ]);
    await page.getByRole('radio', { name: '7 days' }).check();
    await expect.poll(() => page.locator('table.numbers tbody tr').count()).toBe(7);
  });

  it('New Pin: a labelled modal; focus stays inside; Escape closes it', async () => {
    await page.getByRole('button', { name: 'New Pin' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Pin' });
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('select[name="board_id"] option').count()).toBeGreaterThan(1);
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('New Pin: drop an image, publish, grant pins:write through the consent, publish again: the Pin is on its board', async () => {
    await page.getByRole('button', { name: 'New Pin' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Pin' });
    await expect.poll(() => dialog.locator('select[name="board_id"] option').count()).toBeGreaterThan(1);
    await dropImage();
    await dialog.getByLabel('Title').fill('Dropped in Chromium');
    await dialog.getByLabel('Alt text').fill('A red square');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'new-pin');

    await dialog.getByRole('button', { name: 'Publish' }).click();
    const grant = dialog.getByRole('button', { name: /^Grant / });
    await grant.waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/pins:write/);
    expect((await stack.auth.getTokens(ALICE))?.scopes).not.toContain('pins:write');

    await allowOnConsentPage(grant.click());
    // Back where the publish started, with the dialog open again and the same session.
    const again = page.getByRole('dialog', { name: 'New Pin' });
    await again.waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect((await stack.auth.getTokens(ALICE))?.scopes).toContain('pins:write');
    await expect.poll(() => again.locator('select[name="board_id"] option').count()).toBeGreaterThan(1);
    const boardName = await again.locator('select[name="board_id"] option:checked').textContent();
    await dropImage();
    await again.getByLabel('Title').fill('Dropped in Chromium');
    await again.getByRole('button', { name: 'Publish' }).click();

    await page.getByRole('heading', { level: 1, name: new RegExp(String(boardName)) }).waitFor();
    await page.getByText('Dropped in Chromium').first().waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('serves the favicon the page links to', async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await page.request.get(new URL(String(href), stack.publicBase).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('New Pin: a file that is not JPEG or PNG is refused with a clear message before any upload', async () => {
    await page.getByRole('button', { name: 'New Pin' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Pin' });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    expect(await dialog.getByRole('alert').textContent()).toMatch(/notes\.txt.*not a JPEG or PNG/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
