import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractApiReference } from './api-reference.ts';
import { extractSample, SampleNotFoundError } from './extract.ts';
import {
  CODE_BACKGROUNDS,
  contrastRatio,
  highlight,
  languageOfPath,
  tokenize,
  withContrast,
} from './highlight.ts';
import { DOCS_ROOT, OPENAPI_PATH, REPO_ROOT } from './paths.ts';
import { loadSample, parseSampleId } from './samples.ts';

const FIXTURE = resolve(DOCS_ROOT, 'test/fixtures/api/src');
const GREET = readFileSync(resolve(FIXTURE, 'greet.ts'), 'utf8');

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

describe('highlight', () => {
  it.each([
    ['ts', GREET],
    ['json', '{"a": [1, true, null, "x<y"]}'],
    ['bash', 'npm create pinterest-app@latest my-app -- --template fastify # comment'],
    ['env', '# comment\nPINTEREST_APP_ID=\nPINTEREST_SCOPES=a,b'],
    ['unknown', '<script>alert(1)</script>'],
  ])('keeps the text of %s exactly', (lang, code) => {
    const html = highlight(code, lang);
    expect(textOf(html)).toBe(code);
    expect(
      tokenize(code, lang)
        .map((t) => t.text)
        .join(''),
    ).toBe(code);
    expect(html).not.toContain('<script>');
  });

  it('colours keywords, strings and comments from the TextMate grammar, in both themes', () => {
    const tokens = tokenize("const x = 'a'; // note", 'ts');
    const styleOf = (text: string) => tokens.find((t) => t.text.includes(text))?.style ?? '';
    // github-light / github-dark: keywords red, strings blue (light colours may be darkened for contrast).
    expect(styleOf('const')).toMatch(/--shiki-light:#[0-9a-f]{6};--shiki-dark:#F97583/i);
    expect(styleOf("'a'")).toMatch(/--shiki-light:#032F62;--shiki-dark:#9ECBFF/i);
    expect(styleOf('// note')).toMatch(/--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}/i);
    expect(styleOf('const')).not.toBe(styleOf("'a'"));
    const html = highlight("const x = 'a';", 'ts');
    expect(html).toMatch(/^<span style="--shiki-light:[^"]+">const<\/span>/);
    expect(html).not.toContain('class=');
  });

  it('keeps every token colour at WCAG AA contrast on the code backgrounds of both themes', () => {
    const colours = tokenize(GREET, 'ts').flatMap((t) => [
      ...t.style.matchAll(/--shiki-(light|dark):(#[0-9a-f]+)/gi),
    ]);
    expect(colours.length).toBeGreaterThan(10);
    for (const [, theme, colour = ''] of colours) {
      const background = theme === 'light' ? CODE_BACKGROUNDS.light : CODE_BACKGROUNDS.dark;
      expect(contrastRatio(colour, background), `${theme} ${colour}`).toBeGreaterThanOrEqual(4.5);
    }
    // A grey that falls short is darkened just enough; one that passes is left alone.
    expect(contrastRatio(withContrast('#9a9a9a', '#ffffff'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(withContrast('#000000', '#ffffff')).toBe('#000000');
  });

  it('highlights shell, JSON and env files with their own grammars', () => {
    expect(tokenize('{"a": 1}', 'json').length).toBeGreaterThan(2);
    expect(tokenize('npm run dev # start', 'bash').some((t) => t.text.includes('# start') && t.style)).toBe(
      true,
    );
    expect(tokenize('# c\nA=1', 'env').some((t) => t.style)).toBe(true);
    expect(highlight('plain <words>', 'text')).toBe('plain &#60;words&#62;');
  });

  it('picks the language from a file name', () => {
    expect(languageOfPath('templates/fastify/.env.example')).toBe('dotenv');
    expect(languageOfPath('src/a.tsx')).toBe('tsx');
    expect(languageOfPath('src/a.ts')).toBe('typescript');
    expect(languageOfPath('README')).toBe('text');
  });
});

describe('extractSample', () => {
  it('cuts a region without its markers', () => {
    const body = extractSample('greet.ts', GREET, { region: 'body' });
    expect(body).toBe('  next(): string {\n    this.count++;\n    return greet({ name: this.secret });\n  }');
    expect(GREET).toContain(body);
  });

  it('cuts an exported declaration with its TSDoc', () => {
    const fn = extractSample('greet.ts', GREET, { exportName: 'greet' });
    expect(fn.startsWith('/**\n * Says hello.')).toBe(true);
    expect(fn.endsWith('}')).toBe(true);
    expect(GREET).toContain(fn);
  });

  it('gives the whole file without its final newline', () => {
    expect(extractSample('greet.ts', GREET)).toBe(GREET.replace(/\n$/, ''));
  });

  it('fails clearly on a missing region or export', () => {
    expect(() => extractSample('greet.ts', GREET, { region: 'nope' })).toThrow(SampleNotFoundError);
    expect(() => extractSample('greet.ts', GREET, { exportName: 'internal' })).toThrow(
      /no exported declaration named "internal"/,
    );
  });
});

describe('samples plugin', () => {
  it('parses ids and refuses paths outside the repo', () => {
    expect(parseSampleId('templates/x.ts?export=a')).toEqual({
      path: 'templates/x.ts',
      selector: { exportName: 'a' },
    });
    expect(() => parseSampleId('../etc/passwd')).toThrow(/inside the repository/);
    expect(() => parseSampleId('/etc/passwd')).toThrow(/inside the repository/);
  });

  it('loads a real repository file, highlighted', () => {
    const sample = loadSample('apps/docs/test/fixtures/api/src/greet.ts?export=greet');
    expect(sample.missing).toBe(false);
    expect(sample.selector).toBe('export greet');
    expect(textOf(sample.html)).toBe(sample.code);
  });

  it('turns a missing file into a visible placeholder and a warning', () => {
    const warnings: string[] = [];
    const sample = loadSample('apps/docs/no-such-file.ts', (m) => warnings.push(m));
    expect(sample.missing).toBe(true);
    expect(sample.code).toMatch(/not available/);
    expect(warnings[0]).toMatch(/no-such-file\.ts/);
  });
});

describe('extractApiReference', () => {
  it('lists every export with signature, TSDoc and tags, following re-exports', () => {
    const reference = extractApiReference(resolve(FIXTURE, 'index.ts'), REPO_ROOT);
    expect(reference.missing).toBe(false);
    expect(reference.entry).toBe('apps/docs/test/fixtures/api/src/index.ts');
    const byName = Object.fromEntries(reference.entries.map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['DEFAULT_NAME', 'GreetOptions', 'Greeter', 'greet']);
    expect(byName.greet?.kind).toBe('function');
    expect(byName.greet?.signature).toBe('function greet(options: GreetOptions): string');
    expect(byName.greet?.doc).toBe('Says hello. See https://www.rfc-editor.org/rfc/rfc6749.');
    expect(byName.greet?.tags.map((t) => t.name)).toEqual(['param', 'returns']);
    expect(byName.greet?.source).toBe('apps/docs/test/fixtures/api/src/greet.ts');
    expect(byName.GreetOptions?.signature).toContain('name: string;');
    expect(byName.GreetOptions?.members).toEqual([
      { name: 'name', signature: 'name: string', doc: 'Who to greet.' },
    ]);
    expect(byName.Greeter?.members).toEqual([
      { name: 'count', signature: 'count: number', doc: 'How many greetings so far.' },
    ]);
    expect(byName.DEFAULT_NAME?.signature).toBe('const DEFAULT_NAME: "world"');
  });

  it('reports a missing entry file instead of failing the build', () => {
    const reference = extractApiReference(resolve(FIXTURE, 'nope.ts'), REPO_ROOT);
    expect(reference).toMatchObject({ missing: true, entries: [] });
  });
});

describe('paths', () => {
  it('reads the OpenAPI facts inside the repository (packages/pinterest-spec), never beside it', () => {
    expect(OPENAPI_PATH).toBe(resolve(REPO_ROOT, 'packages/pinterest-spec/openapi-v5.json'));
    expect(readFileSync(OPENAPI_PATH, 'utf8').length).toBeGreaterThan(500_000);
  });
});

describe('highlighting is deterministic', () => {
  it('gives the same colours whatever was highlighted before (client and server builds must agree)', () => {
    const code = 'git clone repo app\ncd app && npm run dev # start';
    const first = highlight(code, 'bash');
    highlight(GREET, 'ts');
    highlight('{"a": 1}', 'json');
    highlight('A=1', 'env');
    highlight('<App />', 'tsx');
    expect(highlight(code, 'bash')).toBe(first);
    // `git` is a command: github-light's function colour, not plain text.
    expect(tokenize(code, 'bash')[0]).toEqual({
      text: 'git',
      style: '--shiki-light:#6F42C1;--shiki-dark:#B392F0',
    });
  });
});
