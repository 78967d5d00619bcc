/**
 * Links to other sites: every one is listed in src/links.ts and has a sane shape (no network here, so
 * shape is what can be checked), and no page or component writes one by hand. Also the site's wording
 * of the login button.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_ROOT } from '../plugins/paths.ts';
import { EXTERNAL_HOSTS, EXTERNAL_LINKS } from '../src/links.ts';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

const sources = files(resolve(DOCS_ROOT, 'src'), /\.(mdx|tsx|ts)$/)
  .filter((f) => !f.endsWith('links.ts'))
  .map((file) => ({ file: file.slice(DOCS_ROOT.length + 1), text: readFileSync(file, 'utf8') }));

describe('external links', () => {
  it.each(Object.entries(EXTERNAL_LINKS))('%s has a sane shape: %s', (_name, href) => {
    const url = new URL(href);
    expect(url.protocol).toBe('https:');
    expect(EXTERNAL_HOSTS).toContain(url.hostname);
    expect(url.search).toBe('');
    expect(url.username + url.password).toBe('');
    expect(href).toBe(href.trim());
    expect(href).not.toMatch(/\s|utm_|\/\/$/);
    // Directory-style pages end with a slash, as Pinterest's do; a fragment only on the RFC.
    if (url.hostname === 'developers.pinterest.com') expect(url.pathname.endsWith('/')).toBe(true);
    if (url.hash) expect(url.hostname).toBe('www.rfc-editor.org');
  });

  it('lists each address once', () => {
    const hrefs = Object.values(EXTERNAL_LINKS);
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });

  it('no page or component links to another site by hand: they use <External to="…">', () => {
    const handWritten: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\]\((https?:[^)]+)\)|href=["'{`]+(https?:[^"'}`]+)/g)) {
        handWritten.push(`${file}: ${m[1] ?? m[2]}`);
      }
    }
    expect(handWritten).toEqual([]);
  });

  it('every <External to="…"> names a listed link', () => {
    const unknown: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/<External to="([^"]+)"/g)) {
        if (!Object.hasOwn(EXTERNAL_LINKS, m[1] ?? '')) unknown.push(`${file}: ${m[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the pages link to Pinterest’s developer site where a reader needs it', () => {
    const used = new Set(
      sources.flatMap(({ text }) => [...text.matchAll(/<External to="([^"]+)"/g)].map((m) => m[1])),
    );
    for (const name of ['myApps', 'registerApp', 'accessTiers', 'apiReference', 'businessAccount'])
      expect(used, name).toContain(name);
  });
});

describe('wording', () => {
  it('says “Log in with Pinterest” (the templates’ button), never “Login with Pinterest”', () => {
    const wrong = sources.filter(({ text }) => /Login with Pinterest/i.test(text)).map(({ file }) => file);
    expect(wrong).toEqual([]);
  });
});
