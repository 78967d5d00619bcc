import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
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

  it('stays small: under 200 kB packed', () => {
    expect(report.size).toBeLessThan(200 * 1024);
  });

  it('dist/cli.js is one executable file that imports only Node.js built-ins', () => {
    const bundle = readFileSync(join(PACKAGE_DIR, 'dist', 'cli.js'), 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const specifiers = [
      ...bundle.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g),
    ].map((match) => match[1] ?? '');
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) expect(specifier).toMatch(/^node:/);
    expect(bundle).not.toMatch(/\brequire\(["'](?!node:)/);
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
