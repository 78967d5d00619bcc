import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText, pageSourceFile, renderDocument } from '../scripts/html.ts';
import { PAGES, pageFor } from '../src/pages.ts';
import { fileFor } from './static-server.ts';

describe('prerender helpers', () => {
  it('maps routes to their MDX files', () => {
    expect(pageSourceFile('/')).toBe('src/content/index.mdx');
    expect(pageSourceFile('/tools/scope-finder/')).toBe('src/content/tools/scope-finder.mdx');
  });

  it('fills the template, escaping the head and keeping $ in the body', () => {
    const html = renderDocument('<title><!--app-title--></title><!--app-head--><div><!--app-html--></div>', {
      title: 'A & B',
      description: 'say "hi"',
      body: '<p>costs $& $1</p>',
      preloads: ['/assets/x.js'],
    });
    expect(html).toContain('<title>A &#38; B</title>');
    expect(html).toContain('content="say &#34;hi&#34;"');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/x.js" />');
    expect(html).toContain('<p>costs $& $1</p>');
    expect(() =>
      renderDocument('<html></html>', { title: '', description: '', body: '', preloads: [] }),
    ).toThrow(/placeholder/);
  });

  it('extracts visible text', () => {
    expect(htmlToText('<p>a &amp; <b>b</b></p><script>x()</script>&#39;c&#x27;')).toBe("a & b 'c'");
  });
});

describe('pages', () => {
  it('has unique paths with trailing slashes and finds them with or without the slash', () => {
    const paths = PAGES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path.endsWith('/')).toBe(true);
    expect(pageFor('/tokens')?.title).toBe('Tokens');
    expect(pageFor('/nope/')).toBeUndefined();
  });
});

describe('static server', () => {
  it('serves index.html for directories and never leaves the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'docs-static-'));
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a/index.html'), 'A');
    writeFileSync(join(root, 'x.js'), 'X');
    expect(fileFor(root, '/a/')).toBe(join(root, 'a/index.html'));
    expect(fileFor(root, '/x.js?v=1')).toBe(join(root, 'x.js'));
    expect(fileFor(root, '/a')).toBeUndefined();
    expect(fileFor(root, '/../../etc/passwd')).toBeUndefined();
    expect(fileFor(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
  });
});
