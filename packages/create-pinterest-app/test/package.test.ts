import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseEnv,
  makeTempDir,
  PACKAGE_DIR,
  readJson,
  removeDir,
  runCli,
  runCommand,
  templateNames,
} from './helpers.js';

interface PackReport {
  size: number;
  unpackedSize: number;
  files: Array<{ path: string; size: number }>;
}

let work: string;
let report: PackReport;
beforeAll(async () => {
  work = makeTempDir('cpa-pack-');
  const pack = await runCommand('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: PACKAGE_DIR,
    env: baseEnv({ npm_config_update_notifier: 'false' }),
    timeoutMs: 60_000,
  });
  expect(pack.code, pack.stderr).toBe(0);
  report = (JSON.parse(pack.stdout) as PackReport[])[0] as PackReport;
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz')) ?? '';
  expect(spawnSync('tar', ['-xzf', join(work, tarball), '-C', work]).status).toBe(0);
});
afterAll(() => removeDir(work));

describe('the published package', () => {
  it('has zero runtime dependencies', () => {
    const pkg = readJson(join(PACKAGE_DIR, 'package.json'));
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
      expect(pkg[field], field).toBeUndefined();
    }
  });

  it('ships dist/cli.js and every template with its manifest, nothing else', () => {
    const paths = report.files.map((file) => file.path);
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('package.json');
    expect(paths).toContain('templates/manifest.json');
    for (const template of templateNames()) {
      expect(paths).toContain(`templates/${template}/package.json`);
      expect(paths).toContain(`templates/${template}/_gitignore`);
    }
    for (const path of paths) {
      expect(path).toMatch(/^(dist\/|templates\/|package\.json$|README\.md$|LICENSE)/);
      expect(path).not.toMatch(/(^|\/)(node_modules|reports|\.turbo|\.pinterest-tokens[^/]*)\//);
      expect(path).not.toMatch(/(^|\/)\.env(\.(?!example$)[^/]*)?$/);
      expect(path).not.toMatch(/(^|\/)\.gitignore$/); // npm would drop or misuse it: stored as _gitignore
    }
  });

  // The templates are most of it (about 140 kB packed, with their tests and READMEs); the CLI is not minified, so a user's
  // stack trace stays readable and the provenance check below can read its module regions.
  it('stays small: under 240 kB packed', () => {
    expect(report.size).toBeLessThan(240 * 1024);
  });

  it('dist/ is an executable cli.js and its lazy chunks, importing only Node.js built-ins and each other', () => {
    const files = readdirSync(join(PACKAGE_DIR, 'dist')).filter((file) => file.endsWith('.js'));
    const bundle = readFileSync(join(PACKAGE_DIR, 'dist', 'cli.js'), 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const file of files) {
      const code = readFileSync(join(PACKAGE_DIR, 'dist', file), 'utf8');
      const specifiers = [
        ...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g),
      ].map((match) => match[1] ?? '');
      for (const specifier of specifiers) {
        if (specifier.startsWith('./'))
          expect(files, `${file} imports ${specifier}`).toContain(specifier.slice(2));
        else expect(specifier, file).toMatch(/^node:/);
      }
      expect(code).not.toMatch(/\brequire\(["'](?!node:)/);
    }
    // @clack/prompts is parsed only when prompting: cli.js reaches it through a dynamic import alone.
    expect(bundle).not.toMatch(/from\s*["']\.\/[^"']+["']/);
  });

  it('has no @kit/auth-core module inside: its own sources and the prompt library only', () => {
    const modules = new Set<string>();
    for (const file of readdirSync(join(PACKAGE_DIR, 'dist')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(PACKAGE_DIR, 'dist', file), 'utf8');
      for (const match of code.matchAll(/^\/\/#region (.+)$/gm)) modules.add(match[1] ?? '');
      for (const marker of ['oauth4webapi', 'createPinterestAuth', 'ENDPOINT_SCOPE_INDEXES']) {
        expect(code, `${file} contains ${marker}`).not.toContain(marker);
      }
    }
    expect(modules.size).toBeGreaterThan(10);
    for (const module of modules) {
      expect(module).toMatch(
        /^(src\/[a-z-]+\.ts|\.\.\/\.\.\/node_modules\/\.pnpm\/[^/]+\/node_modules\/(@clack\/(core|prompts)|sisteransi|fast-[a-z-]+)\/.+)$/,
      );
    }
  });

  it("the manifest's scopes are the spec's 19 pinterest_oauth2 scopes, in the spec's order, with our meanings", () => {
    const require = createRequire(import.meta.url);
    const spec = readJson<{
      components: {
        securitySchemes: { pinterest_oauth2: { flows: { authorizationCode: { scopes: object } } } };
      };
    }>(require.resolve('@kit/pinterest-spec/openapi-v5.json'));
    const meanings = readJson<Record<string, string>>(
      require.resolve('@kit/pinterest-spec/scope-meanings.json'),
    );
    const specScopes = Object.keys(
      spec.components.securitySchemes.pinterest_oauth2.flows.authorizationCode.scopes,
    );
    const manifest = readJson<{ scopes: Array<{ name: string; meaning: string }>; defaultScopes: string[] }>(
      join(work, 'package', 'templates', 'manifest.json'),
    );
    expect(specScopes).toHaveLength(19);
    expect(manifest.scopes.map((scope) => scope.name)).toEqual(specScopes);
    for (const scope of manifest.scopes) expect(scope.meaning).toBe(meanings[scope.name]);
    for (const scope of manifest.defaultScopes) expect(specScopes).toContain(scope);
  });

  it('the unpacked tarball scaffolds on its own: no node_modules, no network, no repository', async () => {
    const cwd = join(work, 'use');
    mkdirSync(cwd);
    const result = await runCli(['offline-app', '--mock', '--yes', '--no-install', '--no-git'], {
      cwd,
      cli: join(work, 'package', 'dist', 'cli.js'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(readJson(join(cwd, 'offline-app', 'package.json')).name).toBe('offline-app');
    expect(readdirSync(join(work, 'package'))).not.toContain('node_modules');
  });
});
