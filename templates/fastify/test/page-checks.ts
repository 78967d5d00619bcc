/**
 * Checks every end-to-end test runs on the pages it visits: axe-core finds nothing serious or critical, and at
 * 390 px (a phone) nothing scrolls sideways and the signed-in header's "Log out" stays on screen.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations of impact serious or critical on the current page (`id: target` each). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (default-src 'none') rightly refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run()).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      target: String(v.nodes[0]?.target[0] ?? ''),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.target}`);
}

/** At 390 px wide the page does not scroll sideways; signed in, "Log out" is fully on screen. */
export async function expectFitsPhone(page: Page, signedIn: boolean): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(
    390,
  );
  if (signedIn) {
    const logout = await page.getByRole('button', { name: 'Log out' }).boundingBox();
    expect(logout, page.url()).not.toBeNull();
    expect((logout?.x ?? 999) + (logout?.width ?? 0), page.url()).toBeLessThanOrEqual(390);
  }
  if (size) await page.setViewportSize(size);
}

/** Both checks on the current page. */
export async function checkPage(page: Page, signedIn: boolean): Promise<void> {
  expect(await seriousViolations(page), page.url()).toEqual([]);
  await expectFitsPhone(page, signedIn);
}
