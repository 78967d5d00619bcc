/**
 * Run from this checkout (before the kit is on npm), the scaffolder packs the kit packages a template needs
 * into <app>/.kit-packages/ and points package.json at them; the copy npm installs never does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATES, CHECKOUT_CLI, makeTempDir, readJson, removeDir, runCli } from './helpers.js';

interface Manifest {
  templates: Array<{ name: string; kitPackages: string[] }>;
  kitPackages: Record<string, string>;
}
const manifest = readJson<Manifest>(join(BUNDLED_TEMPLATES, 'manifest.json'));

let cwd: string;
beforeEach(() => {
  cwd = makeTempDir();
});
afterEach(() => removeDir(cwd));

describe.each(manifest.templates)('from the checkout, template $name', ({ name, kitPackages }) => {
  it('packs every kit package it needs into .kit-packages/ and links them with relative file: specs', async () => {
    const result = await runCli(['app', '-t', name, '--mock', '--yes', '--no-install', '--no-git'], {
      cwd,
      cli: CHECKOUT_CLI,
      timeoutMs: 120_000,
    });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain('The kit is not on npm yet');
    expect(result.stdout).toContain('.kit-packages/');

    const app = join(cwd, 'app');
    const tarballs = readdirSync(join(app, '.kit-packages')).sort();
    const expected = kitPackages
      .map((pkg) => `${pkg.slice(1).replace('/', '-')}-${manifest.kitPackages[pkg]}.tgz`)
      .sort();
    expect(tarballs).toEqual(expected);

    const pkg = readJson<Record<string, Record<string, string>>>(join(app, 'package.json'));
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    for (const kit of kitPackages) {
      const spec = `file:.kit-packages/${kit.slice(1).replace('/', '-')}-${manifest.kitPackages[kit]}.tgz`;
      // A kit package the template only reaches through another one is pinned through the overrides.
      if (deps[kit] !== undefined) expect(deps[kit]).toBe(spec);
      expect(pkg.overrides?.[kit]).toBe(spec);
    }
    expect(JSON.stringify(pkg)).not.toContain('workspace:');

    // Each tarball is what publishing would upload: `workspace:` ranges replaced by versions.
    for (const tarball of tarballs) {
      const listed = spawnSync(
        'tar',
        ['-xzOf', join(app, '.kit-packages', tarball), 'package/package.json'],
        {
          encoding: 'utf8',
        },
      );
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).not.toContain('workspace:');
      expect(JSON.parse(listed.stdout).files).toEqual(['dist']);
    }
  });
});

describe('from the checkout', () => {
  it('--help says how to start before the first release and that this copy packs the kit', async () => {
    const result = await runCli(['--help'], { cwd, cli: CHECKOUT_CLI });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('npm run create-app -- [dir] [options]');
    expect(result.stdout).toContain('This copy runs from a clone');
  });

  it('the installed copy never packs: no .kit-packages/, published ranges', async () => {
    const result = await runCli(['app', '--mock', '--yes', '--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('The kit is not on npm yet');
    expect(existsSync(join(cwd, 'app', '.kit-packages'))).toBe(false);
    expect(readFileSync(join(cwd, 'app', 'package.json'), 'utf8')).not.toContain('file:');
    const help = await runCli(['--help'], { cwd });
    expect(help.stdout).not.toContain('This copy runs from a clone');
  });
});
