import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../plugins/paths.ts';
import { PAGES } from '../src/pages.ts';
import { openSite, siteForFile, visit } from './e2e-helpers.ts';

const web = siteForFile();

interface ShownSample {
  page: string;
  source: string;
  selector: string;
  missing: boolean;
  code: string;
}

describe('code samples', () => {
  it('each sample on a page is exactly the part of the file it names', async () => {
    const shown: ShownSample[] = [];
    for (const info of PAGES) {
      await visit(web.page, web.site.server.url + info.path);
      const samples = await web.page.$$eval('figure[data-source]', (figures) =>
        figures.map((f) => ({
          source: f.getAttribute('data-source') ?? '',
          selector: f.getAttribute('data-selector') ?? '',
          missing: f.hasAttribute('data-missing'),
          code: f.querySelector('pre')?.textContent ?? '',
        })),
      );
      for (const sample of samples) shown.push({ page: info.path, ...sample });
    }
    // The guides show real code on several pages; a refactor that drops them all should be noticed.
    expect(shown.length).toBeGreaterThanOrEqual(10);
    const problems: string[] = [];
    for (const sample of shown) {
      const where = `${sample.page}: ${sample.source}${sample.selector ? ` (${sample.selector})` : ''}`;
      let file: string;
      try {
        file = readFileSync(resolve(REPO_ROOT, sample.source), 'utf8');
      } catch {
        problems.push(`${where}: the file does not exist`);
        continue;
      }
      if (sample.missing) {
        problems.push(`${where}: the sample was not found when the site was built`);
        continue;
      }
      const [kind, name] = sample.selector.split(' ');
      if (!kind) {
        if (sample.code !== file.replace(/\n$/, ''))
          problems.push(`${where}: differs from the file (rebuild the docs)`);
        continue;
      }
      if (!sample.code.trim() || !file.includes(sample.code)) {
        problems.push(`${where}: not found verbatim in the file (rebuild the docs)`);
        continue;
      }
      const before = file.slice(0, file.indexOf(sample.code));
      if (kind === 'region' && !new RegExp(`#region ${name}\\s*\\n$`).test(before)) {
        problems.push(`${where}: does not start right after the "#region ${name}" marker`);
      }
      if (
        kind === 'export' &&
        !new RegExp(
          `export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|class|const|let|interface|type|enum)\\s+${name}\\b`,
        ).test(sample.code)
      ) {
        problems.push(`${where}: does not contain the declaration of ${name}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('search', () => {
  it.each([
    ['localhostForwarding', 'Troubleshooting'],
    ['scanning', 'Tokens'],
    ['Developer Terms', 'Register your app'],
    ['auto-approve', 'The Pinterest mock'],
  ])('finds “%s” in the body of %s, opened with /', async (query, title) => {
    web.errors.length = 0;
    await visit(web.page, `${web.site.server.url}/oauth-flow/`);
    await web.page.locator('main').click({ position: { x: 5, y: 5 } });
    await web.page.keyboard.press('/');
    const box = web.page.getByRole('combobox', { name: 'Search the docs' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(query);
    const option = web.page.getByRole('option').filter({ hasText: title }).first();
    await expect.poll(() => option.count()).toBe(1);
    // Arrow keys move the selection; Enter opens the selected result.
    const titles = await web.page.locator('[role="option"] .hit-title').allTextContents();
    const index = titles.indexOf(title);
    for (let i = 0; i < index; i++) await box.press('ArrowDown');
    await box.press('Enter');
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe(title);
    expect(
      await web.page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open),
    ).toBe(false);
    expect(web.errors).toEqual([]);
  });

  it('links a hit on a heading to that section', async () => {
    web.errors.length = 0;
    await visit(web.page, `${web.site.server.url}/`);
    await web.page.getByRole('button', { name: 'Search' }).click();
    const box = web.page.getByRole('combobox', { name: 'Search the docs' });
    await box.fill('continuous refresh');
    const option = web.page.getByRole('option').filter({ hasText: 'Continuous refresh' }).first();
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.locator('.hit-title').textContent()).toBe('Tokens');
    await option.click();
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Tokens');
    expect(web.page.url()).toBe(`${web.site.server.url}/tokens/#continuous-refresh`);
    await expect
      .poll(() => web.page.locator('#continuous-refresh').evaluate((h) => h.getBoundingClientRect().top))
      .toBeLessThan(200);
    expect(
      await web.page.locator('#continuous-refresh').evaluate((h) => h.getBoundingClientRect().top),
    ).toBeGreaterThanOrEqual(0);
    expect(web.errors).toEqual([]);
  });

  it('shows hits as real links: an href to the section, a middle click opens a new tab', async () => {
    await visit(web.page, `${web.site.server.url}/`);
    await web.page.getByRole('button', { name: 'Search' }).click();
    const box = web.page.getByRole('combobox', { name: 'Search the docs' });
    await box.fill('redirect uri mismatch');
    const first = web.page.getByRole('option').first();
    await expect.poll(() => first.getAttribute('href')).toBe('/troubleshooting/#redirect-uri-mismatch');
    expect(await first.evaluate((el) => el.tagName)).toBe('A');
    const opened = web.site.context.waitForEvent('page');
    await first.click({ button: 'middle' });
    const tab = await opened;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname + new URL(tab.url()).hash).toBe(
      '/troubleshooting/#redirect-uri-mismatch',
    );
    await tab.close();
    // The first page is still where it was, the dialog still open with its hits.
    expect(new URL(web.page.url()).pathname).toBe('/');
    expect(
      await web.page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open),
    ).toBe(true);
    // Enter follows the active hit.
    await box.press('Enter');
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Troubleshooting');
    expect(web.page.url()).toBe(`${web.site.server.url}/troubleshooting/#redirect-uri-mismatch`);
  });

  it('has an accessible name on the search button at every width', async () => {
    for (const width of [1280, 390]) {
      await web.page.setViewportSize({ width, height: 844 });
      await visit(web.page, `${web.site.server.url}/`);
      expect(await web.page.getByRole('button', { name: 'Search', exact: true }).isVisible()).toBe(true);
    }
    await web.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('loads the index only when search first opens (Ctrl+K works too)', async () => {
    const fresh = await web.site.context.newPage();
    const requested: string[] = [];
    fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await visit(fresh, `${web.site.server.url}/tokens/`);
    expect(requested.some((p) => p.endsWith('search-index.json'))).toBe(false);
    const before = requested.length;
    await fresh.keyboard.press('Control+k');
    await expect.poll(() => requested.slice(before).some((p) => p.endsWith('search-index.json'))).toBe(true);
    // MiniSearch itself arrives in its own chunk, with the index.
    expect(requested.slice(before).some((p) => /\/assets\/engine-[\w-]+\.js$/.test(p))).toBe(true);
    await fresh.close();
  });

  it('says when nothing matches, and Escape closes it', async () => {
    await visit(web.page, `${web.site.server.url}/`);
    await web.page.getByRole('button', { name: 'Search' }).click();
    const box = web.page.getByRole('combobox', { name: 'Search the docs' });
    await box.fill('xyzzyplugh');
    await expect.poll(() => web.page.locator('.search-status').textContent()).toMatch(/No page matches/);
    await web.page.keyboard.press('Escape');
    expect(
      await web.page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open),
    ).toBe(false);
  });
});

describe('without JavaScript', () => {
  it('every page is readable from the prerendered HTML', async () => {
    const noJs = await openSite({ javaScriptEnabled: false });
    try {
      const p = await noJs.context.newPage();
      for (const info of PAGES) {
        await p.goto(noJs.server.url + info.path);
        expect(await p.locator('main h1').textContent()).toBe(info.title);
        expect((await p.locator('main article').textContent())?.length ?? 0).toBeGreaterThan(300);
        expect(await p.locator('nav.sidebar').isVisible()).toBe(true);
      }
      await p.goto(`${noJs.server.url}/templates/fastify/`);
      expect(await p.locator('figure[data-source] pre').first().textContent()).toContain('PINTEREST_APP_ID');
    } finally {
      await noJs.close();
    }
  });

  it('shows "On this page" and heading anchors from the prerendered HTML, and they work', async () => {
    const noJs = await openSite({ javaScriptEnabled: false });
    try {
      const p = await noJs.context.newPage();
      await p.goto(`${noJs.server.url}/oauth-flow/`);
      const toc = p.locator('nav.toc-column');
      expect(await toc.isVisible()).toBe(true);
      const hrefs = await toc.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toContain('#3-code-exchange');
      expect(hrefs.length).toBeGreaterThanOrEqual(5);
      await toc.getByRole('link', { name: '3. Code exchange' }).click();
      await expect
        .poll(() => p.evaluate(() => document.querySelector(':target')?.id))
        .toBe('3-code-exchange');
      const anchor = p.getByRole('link', { name: 'Link to section: 3. Code exchange' });
      expect(await anchor.getAttribute('href')).toBe('#3-code-exchange');
      // Narrow screens: the same list, collapsed in a <details> that opens without JavaScript.
      await p.setViewportSize({ width: 390, height: 844 });
      expect(await toc.isVisible()).toBe(false);
      const inline = p.locator('nav.toc-inline');
      await inline.locator('summary').click();
      expect(await inline.getByRole('link', { name: '3. Code exchange' }).isVisible()).toBe(true);
    } finally {
      await noJs.close();
    }
  });
});

describe('reference', () => {
  it('shows a generated Pinterest API group with its facts and typed calls', async () => {
    await visit(web.page, `${web.site.server.url}/reference/api/pins-and-boards/`);
    const group = web.page.getByTestId('api-group');
    expect(Number(await group.getAttribute('data-count'))).toBeGreaterThan(20);
    const op = web.page.locator('[data-operation="boards/list_pins"]');
    expect(await op.locator('.api-route').textContent()).toBe('GET /v5/boards/{board_id}/pins');
    const facts = (await op.locator('dl.facts').textContent()) ?? '';
    expect(facts).toContain('boards:read + pins:read');
    expect(facts).toContain('org_read');
    expect(await op.locator('pre').textContent()).toBe(
      "await client.get('/boards/{board_id}/pins', { path: { board_id }, query: { page_size: 50 } });",
    );
    expect(await op.locator('table caption').allTextContents()).toContain('Parameters');
  });

  it('lists @kit/auth-core exports generated from its source', async () => {
    await visit(web.page, `${web.site.server.url}/reference/auth-core/`);
    const index = readFileSync(resolve(REPO_ROOT, 'packages/auth-core/src/index.ts'), 'utf8');
    const reference = web.page.getByTestId('api-reference');
    expect(await reference.count()).toBe(1);
    const names = await web.page.$$eval('[data-export]', (els) =>
      els.map((e) => e.getAttribute('data-export')),
    );
    expect(names.length).toBeGreaterThan(10);
    // Every name exported by name from index.ts appears (star re-exports are followed by the generator).
    const named = [...index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)]
      .flatMap((m) => (m[1] ?? '').split(','))
      .map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop() ?? '',
      )
      .filter(Boolean);
    for (const name of named) expect(names).toContain(name);
    expect(names).toContain('PinterestApiError');
  });
});
