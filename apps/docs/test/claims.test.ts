/**
 * The guides name functions, classes and options of the kit's packages in prose. This test reads the
 * packages' sources (with the same extractor that builds the reference) and fails when a page names
 * something that does not exist, e.g. after a rename in @kit/auth-core.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractApiReference } from '../plugins/api-reference.ts';
import { DOCS_ROOT, REPO_ROOT } from '../plugins/paths.ts';

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? mdxFiles(path) : name.endsWith('.mdx') ? [path] : [];
  });
}

const pages = mdxFiles(resolve(DOCS_ROOT, 'src/content')).map((file) => ({
  file: file.slice(DOCS_ROOT.length + 1),
  text: readFileSync(file, 'utf8'),
}));

const authCore = extractApiReference(resolve(REPO_ROOT, 'packages/auth-core/src/index.ts'));
const exportNames = new Set(authCore.entries.map((e) => e.name));
const authInterface = authCore.entries.find((e) => e.name === 'PinterestAuth')?.signature ?? '';

/** Inline code spans of every page: `auth.getAccessToken(key)`, `ReauthorizationRequiredError`, … */
function codeSpans(): { file: string; span: string }[] {
  return pages.flatMap(({ file, text }) =>
    [...text.matchAll(/`([^`\n]+)`/g)].map((m) => ({ file, span: m[1] ?? '' })),
  );
}

describe('names used on the pages exist in the packages', () => {
  it('@kit/auth-core has been read', () => {
    expect(authCore.missing).toBe(false);
    expect(exportNames.size).toBeGreaterThan(10);
    expect(authInterface).toContain('interface PinterestAuth');
  });

  it('every auth.method(…) named on a page is a method of PinterestAuth', () => {
    const unknown: string[] = [];
    for (const { file, span } of codeSpans()) {
      for (const m of span.matchAll(/\bauth\.(\w+)\(/g)) {
        const method = m[1] ?? '';
        if (!new RegExp(`\\b${method}\\s*[(<:]`).test(authInterface)) unknown.push(`${file}: auth.${method}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('every error class, store and function named in backticks is exported by @kit/auth-core', () => {
    const unknown: string[] = [];
    const candidates =
      /^(?:[A-Z]\w*(?:Error|Store|Lock)|createPinterest\w+|configFromEnv|pinterestOAuth2Preset|createAuthorizationURL)(?:\(\))?$/;
    for (const { file, span } of codeSpans()) {
      if (!candidates.test(span)) continue;
      const name = span.replace(/\(\)$/, '');
      const known = exportNames.has(name) || new RegExp(`\\b${name}\\s*[(<:]`).test(authInterface);
      if (!known) unknown.push(`${file}: ${span}`);
    }
    expect(unknown).toEqual([]);
  });

  it('every PINTEREST_* variable named on a page is read by a template or auth-core', () => {
    const sources = [
      'packages/auth-core/src/config.ts',
      'templates/fastify/.env.example',
      'templates/react-spa/.env.example',
      'templates/script/.env.example',
    ]
      .map((path) => readFileSync(resolve(REPO_ROOT, path), 'utf8'))
      .join('\n');
    const unknown = new Set<string>();
    for (const { file, text } of pages) {
      for (const m of text.matchAll(/\bPINTEREST_[A-Z_]+\b/g)) {
        if (!sources.includes(m[0])) unknown.add(`${file}: ${m[0]}`);
      }
    }
    expect([...unknown]).toEqual([]);
  });
});
