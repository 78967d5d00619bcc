import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, makeTempDir, PACKAGE_DIR, readJson, removeDir, runCli, snapshot } from './helpers.js';

let root: string;
let cwd: string;
beforeEach(() => {
  // `root` holds `cwd` and a sibling folder, so a write outside `cwd` would show up in root's snapshot.
  root = makeTempDir();
  cwd = join(root, 'work');
  mkdirSync(cwd);
  writeFileSync(join(root, 'sibling.txt'), 'outside\n');
});
afterEach(() => removeDir(root));

const NO_EXTRAS = ['--mock', '--yes', '--no-install', '--no-git'];

describe('names (npm rules)', () => {
  it('a folder name that is not a valid package name is normalised for package.json, and said so', async () => {
    const result = await runCli(['My Pinterest App!', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Package name: my-pinterest-app ("My Pinterest App!" is not a valid npm package name',
    );
    expect(readJson(join(cwd, 'My Pinterest App!', 'package.json')).name).toBe('my-pinterest-app');
    expect(result.stdout).toContain("cd 'My Pinterest App!'");
  });

  it('a folder named after a Node.js core module gets a -app suffix', async () => {
    const result = await runCli(['http', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(readJson(join(cwd, 'http', 'package.json')).name).toBe('http-app');
  });

  it('a valid folder name is used as is, nested folders use their last part', async () => {
    const result = await runCli(['apps/my.app_2', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(readJson(join(cwd, 'apps', 'my.app_2', 'package.json')).name).toBe('my.app_2');
  });

  it('--name sets the package name; a scoped name is accepted', async () => {
    const result = await runCli(['app', '--name', '@me/pins', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(readJson(join(cwd, 'app', 'package.json')).name).toBe('@me/pins');
  });

  for (const [name, problem, suggestion] of [
    ['Bad_Name', 'capital letters', '--name bad_name'],
    ['_private', 'starts with "." or "_"', '--name private'],
    ['a b', 'URL', '--name a-b'],
    ['fs', 'Node.js core module', '--name fs-app'],
  ] as const) {
    it(`--name "${name}" is refused with a suggestion`, async () => {
      const result = await runCli(['app', '--name', name, ...NO_EXTRAS], { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Invalid --name "${name}"`);
      expect(result.stderr).toContain(problem);
      expect(result.stderr).toContain(`Try ${suggestion}.`);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('a folder name with nothing usable for a package name asks for --name', async () => {
    const result = await runCli(['!!!', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Pass --name my-app.');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('S1: nothing is written outside the target folder', () => {
  for (const [dir, message] of [
    ['../escape', /leaves the current folder through "\.\."/],
    ['a/../../escape', /leaves the current folder through "\.\."/],
    ['..', /leaves the current folder/],
    ['bad<name', /not allowed in file names/],
    ['bad:name', /not allowed in file names/],
    ['tab\tname', /not allowed in file names/],
    ['   ', /empty/],
  ] as const) {
    it(`refuses ${JSON.stringify(dir)}, and writes nothing anywhere`, async () => {
      const before = snapshot(root);
      const result = await runCli([dir, ...NO_EXTRAS], { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('refuses a path through a symbolic link that leads outside the current folder', async () => {
    symlinkSync(root, join(cwd, 'link-out'));
    const before = snapshot(root);
    const result = await runCli(['link-out/app', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('symbolic link');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses a target that is itself a symbolic link', async () => {
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(cwd, 'app'));
    const result = await runCli(['app', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('symbolic link');
    expect(readdirSync(join(root, 'real'))).toEqual([]);
  });

  it('an absolute path is an explicit choice and is allowed; only that folder changes', async () => {
    const before = snapshot(root);
    const target = join(root, 'elsewhere', 'abs-app');
    const result = await runCli([target, ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    const after = snapshot(root);
    const changed = [...after.keys()].filter((key) => after.get(key) !== before.get(key));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((key) => key.startsWith('elsewhere/'))).toBe(true);
    expect([...before.keys()].every((key) => after.get(key) === before.get(key))).toBe(true);
    // No staging folder is left anywhere.
    expect([...after.keys()].some((key) => key.includes('.create-pinterest-app-'))).toBe(false);
  });

  it('a relative target: every new path is inside it, no staging folder is left', async () => {
    const before = snapshot(root);
    const result = await runCli(['inside', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    const after = snapshot(root);
    const added = [...after.keys()].filter((key) => !before.has(key));
    expect(added.every((key) => key.startsWith('work/inside/'))).toBe(true);
    expect(added.some((key) => key.includes('.create-pinterest-app-'))).toBe(false);
  });
});

describe('S2: a non-empty folder is never changed without an explicit choice', () => {
  function fillExisting(): string {
    const dir = join(cwd, 'app');
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    writeFileSync(join(dir, 'package.json'), '{"name":"old"}\n');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'keep.ts'), 'export {};\n');
    return dir;
  }

  it('without a TTY and without --overwrite: exit 1, the exact flags to pass, nothing changed', async () => {
    const dir = fillExisting();
    const before = snapshot(root);
    const result = await runCli(['app', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"app" is not empty (3 entries); nothing was changed.');
    expect(result.stderr).toContain('--overwrite merge');
    expect(result.stderr).toContain('--overwrite clear');
    expect(snapshot(root)).toEqual(before);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('--overwrite cancel: exit 1, nothing changed', async () => {
    fillExisting();
    const before = snapshot(root);
    const result = await runCli(['app', '--overwrite', 'cancel', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not empty');
    expect(snapshot(root)).toEqual(before);
  });

  it('--overwrite clear: everything goes except .git, then the template', async () => {
    const dir = fillExisting();
    const result = await runCli(['app', '--overwrite', 'clear', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(false);
    expect(existsSync(join(dir, 'src', 'keep.ts'))).toBe(false);
    expect(readFileSync(join(dir, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(readJson(join(dir, 'package.json')).name).toBe('app');
    expect(readdirSync(dir).some((entry) => entry.startsWith('.create-pinterest-app-'))).toBe(false);
  });

  it('--overwrite merge: other files stay, same-name files are replaced', async () => {
    const dir = fillExisting();
    const result = await runCli(['app', '--overwrite', 'merge', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(dir, 'src', 'keep.ts'), 'utf8')).toBe('export {};\n');
    expect(readJson(join(dir, 'package.json')).name).toBe('app');
    expect(existsSync(join(dir, '.env'))).toBe(true);
    expect(readdirSync(dir).some((entry) => entry.startsWith('.create-pinterest-app-'))).toBe(false);
  });

  it('--overwrite merge refuses a file where the template has a folder, changing nothing', async () => {
    const dir = fillExisting();
    removeDir(join(dir, 'src'));
    writeFileSync(join(dir, 'src'), 'a file, not a folder\n');
    const before = snapshot(root);
    const result = await runCli(['app', '--overwrite', 'merge', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot merge');
    expect(result.stderr).toContain('--overwrite clear');
    expect(snapshot(root)).toEqual(before);
  });

  it('a folder holding only .git counts as empty', async () => {
    mkdirSync(join(cwd, 'app', '.git'), { recursive: true });
    const result = await runCli(['app', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'app', 'package.json'))).toBe(true);
  });

  it('an existing empty folder is used; "." scaffolds into the current folder', async () => {
    const here = join(cwd, 'here');
    mkdirSync(here);
    const result = await runCli(['.', ...NO_EXTRAS], { cwd: here });
    expect(result.code).toBe(0);
    expect(readJson(join(here, 'package.json')).name).toBe('here');
    expect(result.stdout).not.toContain('cd ');
  });

  it('a target that is a file is refused', async () => {
    writeFileSync(join(cwd, 'app'), 'x');
    const result = await runCli(['app', ...NO_EXTRAS], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a folder');
  });
});

describe('a failure half-way leaves nothing behind', () => {
  /** A copy of the built package whose fastify template has a broken package.json: the copy succeeds, the rewrite fails. */
  function brokenPackage(): string {
    const copy = join(root, 'broken-package');
    for (const part of ['dist', 'templates', 'package.json']) {
      cpSync(join(PACKAGE_DIR, part), join(copy, part), { recursive: true });
    }
    writeFileSync(join(copy, 'templates', 'fastify', 'package.json'), '{ not json');
    return join(copy, 'dist', 'cli.js');
  }

  it('new folder (and new parent folders): removed again', async () => {
    const cli = brokenPackage();
    const before = snapshot(cwd);
    const result = await runCli(['deep/er/app', ...NO_EXTRAS], { cwd, cli });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not write the project');
    expect(result.stderr).toContain('Nothing was left behind');
    expect(snapshot(cwd)).toEqual(before);
    expect(cli).not.toBe(CLI);
  });

  it('existing folder with --overwrite merge: its files are exactly as before', async () => {
    const cli = brokenPackage();
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'notes.txt'), 'mine\n');
    const before = snapshot(cwd);
    const result = await runCli(['app', '--overwrite', 'merge', ...NO_EXTRAS], { cwd, cli });
    expect(result.code).toBe(1);
    expect(snapshot(cwd)).toEqual(before);
  });
});
