#!/usr/bin/env node
// Release dry run: copies the tracked tree to a throwaway folder, adds a changeset there and runs
// `changeset version`, then checks that the fixed group moved together, private packages were left alone
// and the rewritten manifests are still formatted. A broken release config fails here, not at release time.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspacePackages } from './lib/reports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8'));
const fixed = config.fixed.flat();
const copy = mkdtempSync(join(tmpdir(), 'kit-release-dry-run-'));

try {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file), { dereference: false });
  }
  const before = new Map(workspacePackages(copy).map((p) => [p.manifest.name, p.manifest.version]));
  const published = fixed.filter((name) => before.has(name));
  if (published.length === 0) throw new Error('no package of the fixed group exists');
  writeFileSync(
    join(copy, '.changeset/dry-run.md'),
    `---\n"${published[0]}": minor\n---\n\nDry run: proves the release configuration.\n`,
  );
  const changeset = join(root, 'node_modules/.bin/changeset');
  const result = spawnSync(changeset, ['version'], { cwd: copy, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`changeset version failed:\n${result.stdout}${result.stderr}`);

  const after = new Map(workspacePackages(copy).map((p) => [p.manifest.name, p.manifest.version]));
  const versions = new Set(published.map((name) => after.get(name)));
  if (versions.size !== 1) throw new Error(`fixed group released with different versions: ${[...versions]}`);
  const [major, minor] = before.get(published[0]).split('.').map(Number);
  const expected = `${major}.${minor + 1}.0`;
  if (!versions.has(expected))
    throw new Error(`a minor changeset gave ${[...versions]}, expected ${expected}`);
  for (const pkg of workspacePackages(copy)) {
    if (pkg.manifest.private && after.get(pkg.manifest.name) !== before.get(pkg.manifest.name)) {
      throw new Error(`private package ${pkg.manifest.name} was versioned`);
    }
  }
  const biome = join(root, 'node_modules/.bin/biome');
  const format = spawnSync(biome, ['format', ...published.map((n) => locate(copy, n))], {
    cwd: copy,
    encoding: 'utf8',
  });
  if (format.status !== 0)
    throw new Error(`changeset version left unformatted manifests:\n${format.stdout}${format.stderr}`);
  process.stdout.write(`release dry run ✓ ${published.join(', ')} → ${[...versions][0]}\n`);
} catch (error) {
  process.stderr.write(`release dry run ✗ ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(copy, { recursive: true, force: true });
}

function locate(base, name) {
  const pkg = workspacePackages(base).find((p) => p.manifest.name === name);
  return join(pkg.dir, 'package.json');
}
