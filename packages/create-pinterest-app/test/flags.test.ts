import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUNDLED_TEMPLATES,
  makeTempDir,
  readJson,
  removeDir,
  runCli,
  templateNames,
  VERSION,
} from './helpers.js';

let cwd: string;
beforeEach(() => {
  cwd = makeTempDir();
});
afterEach(() => removeDir(cwd));

describe('--help and --version', () => {
  it('--help lists every flag, every template with its description, and exits 0', async () => {
    const result = await runCli(['--help'], { cwd });
    expect(result.code).toBe(0);
    for (const flag of [
      '--template',
      '-t,',
      '--name',
      '--mock',
      '--app-id',
      '--redirect-uri',
      '--scopes',
      '--pm',
      '--install',
      '--no-install',
      '--git',
      '--no-git',
      '--overwrite',
      '-y, --yes',
      '--interactive',
      '--no-interactive',
      '-h, --help',
      '-v, --version',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    const manifest = readJson<{ templates: Array<{ name: string; description: string }> }>(
      join(BUNDLED_TEMPLATES, 'manifest.json'),
    );
    for (const template of manifest.templates) {
      expect(result.stdout).toMatch(new RegExp(`${template.name}\\s+${escapeRegExp(template.description)}`));
    }
    expect(result.stdout).toContain('PINTEREST_APP_SECRET');
    expect(result.stdout).toMatch(/shell history/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('-h is --help', async () => {
    const result = await runCli(['-h'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
  });

  it('--version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag], { cwd });
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(VERSION);
    }
  });
});

describe('invalid flags and values are errors with a hint, never ignored', () => {
  const cases: Array<{ args: string[]; message: RegExp; hint: RegExp }> = [
    {
      args: ['app', '--templat', 'fastify'],
      message: /Unknown flag --templat\. Did you mean --template\?/,
      hint: /--help/,
    },
    { args: ['app', '--mok'], message: /Unknown flag --mok\. Did you mean --mock\?/, hint: /--help/ },
    { args: ['app', '-x'], message: /Unknown flag -x\./, hint: /--help/ },
    {
      args: ['app', '--template', 'fastfy'],
      message: /Invalid --template "fastfy"\. Did you mean fastify\?/,
      hint: /one of: fastify/,
    },
    { args: ['app', '--template', 'vue'], message: /Invalid --template "vue"\./, hint: /one of: / },
    { args: ['app', '--template'], message: /--template needs a value/, hint: /--template fastify/ },
    { args: ['app', '--template', '--mock'], message: /--template needs a value/, hint: /--template/ },
    {
      args: ['app', '--pm', 'pnmp'],
      message: /Invalid --pm "pnmp"\. Did you mean pnpm\?/,
      hint: /npm, pnpm, yarn, bun/,
    },
    {
      args: ['app', '--overwrite', 'yes'],
      message: /Invalid --overwrite "yes"/,
      hint: /cancel, clear, merge/,
    },
    {
      args: ['app', '--app-id', 'abc'],
      message: /Invalid --app-id "abc": a Pinterest App ID is a number/,
      hint: /My apps/,
    },
    {
      args: ['app', '--redirect-uri', 'localhost:3000'],
      message: /Invalid --redirect-uri/,
      hint: /http:\/\/localhost/,
    },
    { args: ['app', '--redirect-uri', 'http://example.com/cb'], message: /use https/, hint: /https:\/\// },
    { args: ['app', '--redirect-uri', 'https://example.com/cb#x'], message: /no #fragment/, hint: /Remove/ },
    {
      args: ['app', '--scopes', 'boards:reed'],
      message: /Unknown scope "boards:reed" in --scopes\. Did you mean boards:read\?/,
      hint: /user_accounts:read/,
    },
    { args: ['app', '--scopes', ','], message: /--scopes is empty/, hint: /--scopes user_accounts:read/ },
    {
      args: ['app', '--install', '--no-install'],
      message: /--install and --no-install were both given/,
      hint: /one/,
    },
    {
      args: ['app', '--mock', '--app-id', '123'],
      message: /--mock and --app-id exclude each other/,
      hint: /--mock/,
    },
    {
      args: ['app', '--mock', '--redirect-uri', 'http://localhost:1/cb'],
      message: /no effect with --mock/,
      hint: /drop/,
    },
    { args: ['app', '--mock=yes'], message: /--mock takes no value/, hint: /--mock alone/ },
    { args: ['app', '--git=false'], message: /--git takes no value/, hint: /--no-git/ },
    {
      args: ['app', '--template', 'fastify', '-t', 'script'],
      message: /-t was given more than once/,
      hint: /once/,
    },
    { args: ['one', 'two'], message: /Expected at most one folder, got 2/, hint: /Quote/ },
    {
      args: ['app', '--app-secret', 's3cr3t'],
      message: /no --app-secret flag: a secret on the command line ends up in shell history/,
      hint: /PINTEREST_APP_SECRET/,
    },
    { args: ['app', '--interactive'], message: /--interactive needs a terminal/, hint: /as flags/ },
  ];

  for (const { args, message, hint } of cases) {
    it(`${args.join(' ')} → exit 1`, async () => {
      const result = await runCli(args, { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(hint);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('the secret typed after a refused --app-secret is not echoed back', async () => {
    const result = await runCli(['app', '--app-secret', 'canary-secret-123'], { cwd });
    expect(result.code).toBe(1);
    expect(result.output).not.toContain('canary-secret-123');
  });

  it('the bundled templates are exactly fastify, react-spa and script', () => {
    expect(templateNames()).toEqual(['fastify', 'react-spa', 'script']);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
