/**
 * `npm run doctor` prints a docs link under every problem (packages/auth-core/src/diagnose/docs-links.ts, and the
 * token stores' probes). Each must name a page of this site and, after `#`, a heading that page has.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../plugins/paths.ts';
import { createSlugger } from '../src/lib/slug.ts';
import { PAGES } from '../src/pages.ts';

const SOURCES = [
  'packages/auth-core/src/diagnose/docs-links.ts',
  'packages/auth-core/src/stores/file-token-store.ts',
  'packages/redis-store/src/probe.ts',
];

const links = SOURCES.flatMap((file) =>
  [...readFileSync(resolve(REPO_ROOT, file), 'utf8').matchAll(/'(\/[a-z0-9/-]*\/(?:#[a-z0-9-]+)?)'/g)].map(
    (m) => ({ file, link: m[1] as string }),
  ),
);

/** The heading ids of a page, as the site gives them. */
function anchorsOf(path: string): Set<string> {
  const file = resolve(
    REPO_ROOT,
    'apps/docs/src/content',
    `${path === '/' ? 'index' : path.slice(1, -1)}.mdx`,
  );
  const slug = createSlugger();
  return new Set(
    [...readFileSync(file, 'utf8').matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
      slug((m[1] as string).replace(/`/g, '')),
    ),
  );
}

describe("the doctor's docs links", () => {
  it('were found', () => {
    expect(links.length).toBeGreaterThan(10);
  });

  it('each names a page and one of its headings', () => {
    const broken = links.filter(({ link }) => {
      const [path = '', anchor] = link.split('#');
      if (!PAGES.some((page) => page.path === path)) return true;
      return anchor !== undefined && !anchorsOf(path).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
