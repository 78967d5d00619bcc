/**
 * The New Pin and Analytics pages in real Chromium against the mock. New Pin: log in (read scopes only), publish → "Grant boards:write,
 * pins:write" → Allow on the consent page → back on the form, still logged in → publish → the Pin is on the
 * board. Analytics: four charts and the table of 30 days. axe finds nothing serious or critical on these pages;
 * screenshots (desktop and 390 px mobile) go to reports/screenshots/.
 */
import { fileURLToPath } from 'node:url';
import { type PinterestMock, SEED_USERS } from '@kit/pinterest-mock';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, startBrowserStack } from './helpers.js';
import { checkPage, expectFitsPhone, seriousViolations } from './page-checks.js';

const BOARD = SEED_USERS[0]?.boards?.[2];
/** The smallest PNG: 1×1, transparent. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let stack: BrowserStack;
let mock: PinterestMock;
let origin: string;
let browser: BrowserStack['browser'];

/** Screenshots (desktop and 390 px mobile) for a human look; the mobile width is checked to fit. */
const shot = async (page: Page, name: string) => {
  const path = (suffix: string) =>
    fileURLToPath(new URL(`../reports/screenshots/${name}-${suffix}.png`, import.meta.url));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path('desktop'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path('mobile'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectFitsPhone(page, true);
};

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ mock, origin, browser } = stack);
});
afterAll(async () => {
  await stack?.close();
});

/** Chooses the board (its sections are then listed), then fills in the Pin with an image URL. */
async function fillNewPin(page: Page, title: string) {
  await page.getByLabel('Board', { exact: true }).selectOption(BOARD?.id ?? '');
  // "Next" the first time; "Change board" when the page already came back for a board.
  await page.getByRole('button', { name: /^(Next|Change board)$/ }).click();
  await page.waitForURL(`${origin}/pins/new?board_id=${BOARD?.id}`);
  await page
    .getByLabel('Image URL')
    .fill(`${mock.url}/media/600x/${SEED_USERS[0]?.boards?.[0]?.pins?.[0]?.id}.svg`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('Made in the end-to-end test.');
  await page.getByLabel(/Alt text/).fill('A coloured square');
}

describe('New Pin in Chromium', () => {
  it('publish → grant pins:write through the incremental consent → the Pin appears on the board', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole('main').getByRole('link', { name: 'Log in with Pinterest' }).click();
    await page.waitForURL(`${mock.oauthUrl}/oauth/**`);
    expect(new URL(page.url()).searchParams.get('scope')).toBe('user_accounts:read,boards:read,pins:read');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${origin}/profile`);

    await page.getByRole('link', { name: 'New Pin' }).click();
    await page.waitForURL(`${origin}/pins/new`);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'new-pin');

    await fillNewPin(page, 'Chromium soup');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('One more permission needed');
    expect(await page.getByRole('alert').textContent()).toContain('to publish the Pin for you');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'grant-permission');

    await page.getByRole('link', { name: 'Grant boards:write, pins:write' }).click();
    await page.waitForURL(`${mock.oauthUrl}/oauth/**`);
    expect(new URL(page.url()).searchParams.get('scope')?.split(',')).toEqual(
      expect.arrayContaining(['pins:write', 'boards:write', 'boards:read']),
    );
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${origin}/pins/new?board_id=${BOARD?.id}`); // the same board's form, granted
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Log out');

    await fillNewPin(page, 'Chromium soup');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(`${origin}/boards/${BOARD?.id}`);
    expect(await page.getByRole('main').textContent()).toContain('Chromium soup');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'board-after-publish');
    await page.close();
  });

  it('an uploaded image into a section of the board: the Pin is on the board; a non-image is refused', async () => {
    const board = SEED_USERS[0]?.boards?.[0];
    const section = board?.sections?.[0];
    const page = await browser.context.newPage();
    await page.goto(`${origin}/pins/new`); // still logged in, with pins:write, from the test above
    await page.getByLabel('Board', { exact: true }).selectOption(board?.id ?? '');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(`${origin}/pins/new?board_id=${board?.id}`);
    const sectionSelect = page.getByLabel(/^Section of/);
    expect(await sectionSelect.locator('option').allTextContents()).toEqual([
      'No section',
      ...(board?.sections ?? []).map((s) => s.name),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'new-pin-upload');

    // A text file named .png is refused by its bytes, and the form comes back with the title typed.
    await page.getByLabel(/Or upload an image/).setInputFiles({
      name: 'not-an-image.png',
      mimeType: 'image/png',
      buffer: Buffer.from('just text'),
    });
    await page.getByLabel('Title').fill('Uploaded in Chromium');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a JPEG or PNG image');
    expect(await page.getByLabel('Title').inputValue()).toBe('Uploaded in Chromium');
    await checkPage(page, true);

    await page.getByLabel(/^Section of/).selectOption(section?.id ?? '');
    await page
      .getByLabel(/Or upload an image/)
      .setInputFiles({ name: 'soup.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(`${origin}/boards/${board?.id}`);
    expect(await page.getByRole('main').textContent()).toContain('Uploaded in Chromium');
    await page.close();
  });

  it('Analytics: a chart per metric and the table of the last 30 days, accessible', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/analytics`); // still logged in from the test above (same browser profile)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Analytics');
    const charts = page.getByRole('img', { name: /per day from/ });
    expect(await charts.count()).toBe(4);
    expect(await charts.first().isVisible()).toBe(true);
    expect(await page.getByRole('table').getByRole('row').count()).toBe(32); // header, 30 days, total
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'analytics');
    await page.close();
  });
});
