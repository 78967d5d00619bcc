/**
 * The first route's JavaScript budget: what index.html loads (gzip, Node's default level) stays within 10 kB of
 * what it was before publishing and analytics were added (71,410 bytes), and the analytics page with uPlot is a
 * chunk of its own that the first route never loads.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpa } from './helpers/build.js';

/** The entry's gzip size before the New Pin dialog and the analytics route, measured on the same build. */
const BASELINE_BYTES = 71_410;
const BUDGET_BYTES = BASELINE_BYTES + 10 * 1024;

let outDir = '';
let html = '';
let assets: string[] = [];

beforeAll(async () => {
  ({ outDir } = await buildSpa());
  html = readFileSync(join(outDir, 'index.html'), 'utf8');
  assets = readdirSync(join(outDir, 'assets'));
});
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Scripts index.html loads at once: its module entry and whatever it preloads. */
const firstRouteScripts = () =>
  [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => String(match[1]));
const gzipBytes = (file: string) => gzipSync(readFileSync(join(outDir, 'assets', file))).length;

describe('the first route’s JavaScript', () => {
  it(`stays within ${BUDGET_BYTES} bytes gzip (baseline ${BASELINE_BYTES} + 10 kB)`, () => {
    const scripts = firstRouteScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, file) => sum + gzipBytes(file), 0);
    console.log(`first route: ${scripts.join(', ')} = ${total} bytes gzip (budget ${BUDGET_BYTES})`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('does not contain uPlot, which is in the analytics chunk only', () => {
    const first = firstRouteScripts().map((file) => readFileSync(join(outDir, 'assets', file), 'utf8'));
    // uPlot's own class names: present wherever uPlot's code is.
    for (const text of first) expect(text).not.toContain('u-over');
    const analytics = assets.filter((file) => /^AnalyticsPage-.*\.js$/.test(file));
    expect(analytics).toHaveLength(1);
    expect(readFileSync(join(outDir, 'assets', String(analytics[0])), 'utf8')).toContain('u-over');
  });
});
