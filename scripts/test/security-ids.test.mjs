// Every security promise id cited in the tree resolves to SECURITY.md, and every test SECURITY.md names as a
// proof exists. The first test checks this repository; the others prove the checker catches each kind of drift
// on a small git repository of its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSecurityIds, findCitations, parsePromises, testTitles } from '../lib/security-ids.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('this repository', () => {
  it('cites only ids SECURITY.md defines, and every proof SECURITY.md names exists', () => {
    const problems = checkSecurityIds(root);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('defines the promises of every package and template (C1–C15, W1–W6, B1–B6, L1–L6, S1–S3)', () => {
    const { promises } = parsePromises(readFileSync(join(root, 'SECURITY.md'), 'utf8'));
    const expected = [
      ...range('C', 15),
      ...range('W', 6),
      ...range('B', 6),
      ...range('L', 6),
      ...range('S', 3),
    ];
    expect(expected.filter((id) => !promises.has(id))).toEqual([]);
  });
});

describe('the checker', () => {
  const dirs = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A git repository holding `files` (path → text), all added to the index. */
  function repo(files) {
    const dir = mkdtempSync(join(tmpdir(), 'kit-security-ids-'));
    dirs.push(dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const env = { PATH: process.env.PATH ?? '', HOME: dir };
    execFileSync('git', ['init', '--quiet'], { cwd: dir, env });
    execFileSync('git', ['add', '--all'], { cwd: dir, env });
    return dir;
  }

  const SECURITY = [
    '# Security',
    '## Area',
    '### Q1 · A promise',
    '**What.** Something holds.',
    '- `test/a.test.ts` › `Q1: it holds`',
    '- `test/a.test.ts` › `a suite (Q1)`',
    '',
  ].join('\n');
  const TEST = ["describe('a suite (Q1)', () => {", "  it('Q1: it holds', () => {});", '});', ''].join('\n');

  it('finds nothing wrong in a consistent repository', () => {
    expect(checkSecurityIds(repo({ 'SECURITY.md': SECURITY, 'test/a.test.ts': TEST }))).toEqual([]);
  });

  it('names the file and line of an id that SECURITY.md does not define', () => {
    const dir = repo({
      'SECURITY.md': SECURITY,
      'test/a.test.ts': TEST,
      'src/b.ts': '// fine\n// refuses it (Q2)\n',
    });
    expect(checkSecurityIds(dir)).toEqual(['src/b.ts:2 cites Q2, which SECURITY.md does not define']);
  });

  it('also catches ids of the families that existed before SECURITY.md', () => {
    const id = ['C', '99'].join(''); // built, so that this file does not cite it itself
    const dir = repo({ 'SECURITY.md': SECURITY, 'test/a.test.ts': TEST, 'src/b.ts': `// see ${id}\n` });
    expect(checkSecurityIds(dir)).toEqual([`src/b.ts:1 cites ${id}, which SECURITY.md does not define`]);
  });

  it('names a proof whose test was renamed, and one whose file is gone', () => {
    const renamed = TEST.replace('Q1: it holds', 'Q1: it still holds');
    expect(checkSecurityIds(repo({ 'SECURITY.md': SECURITY, 'test/a.test.ts': renamed }))).toEqual([
      'SECURITY.md:5 (Q1) names the test "Q1: it holds", which test/a.test.ts does not have',
    ]);
    expect(checkSecurityIds(repo({ 'SECURITY.md': SECURITY }))).toEqual([
      'SECURITY.md:5 (Q1) names test/a.test.ts, which does not exist',
      'SECURITY.md:6 (Q1) names test/a.test.ts, which does not exist',
    ]);
  });

  it('refuses a promise without proof and an id defined twice', () => {
    const text = `${SECURITY}### Q1 · Again\n### Q3 · Unproved\n`;
    expect(parsePromises(text).problems).toEqual([
      'SECURITY.md:7: Q1 is defined twice',
      'SECURITY.md:7: Q1 names no test that proves it',
      'SECURITY.md:8: Q3 names no test that proves it',
    ]);
  });

  it('says so when SECURITY.md is missing', () => {
    expect(checkSecurityIds(repo({ 'README.md': 'hello\n' }))).toEqual([
      'SECURITY.md is missing at the repository root',
    ]);
  });

  it('reads titles in every quoting style and ignores computed ones', () => {
    const source = [
      "it('single \\'quoted\\'', () => {});",
      'it("double", () => {});',
      'test(`back`, () => {});',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a test file's source, with a title computed by `${}`
      'it.each([1, 2])(`computed ${n}`, () => {});',
      'describe.concurrent(',
      "  'on its own line',",
      '  () => {},',
      ');',
    ].join('\n');
    expect([...testTitles(source)].sort()).toEqual(
      ["single 'quoted'", 'back', 'double', 'on its own line'].sort(),
    );
  });

  it('does not take SVG path commands for ids, nor ids inside longer words', () => {
    expect(findCitations('<path d="M3 6h18M3 12" /> Q12 xQ1 Q1x (Q4)', ['M', 'Q'])).toEqual([
      { id: 'Q12', line: 1 },
      { id: 'Q4', line: 1 },
    ]);
  });
});

function range(family, last) {
  return Array.from({ length: last }, (_, i) => `${family}${i + 1}`);
}
