#!/usr/bin/env node
// Runs every check in order — lint, typecheck, the release dry run, then every test suite — and always
// ends with one `N passed, N failed` line summed from the vitest JSON reports. Exits 1 on any failure.
// Usage: node scripts/check.mjs [--unit]
//   --unit  only the unit and integration suites (`turbo run test`), run afresh on the packages as built: how
//           CI runs them again on other Node.js versions after a full check.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, stylesFor } from './lib/colours.mjs';
import { summarizeReports, workspacePackages } from './lib/reports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { bold, enabled: colour } = stylesFor(process.stdout);
// FORCE_COLOR never reaches the test processes (whose children set their own NO_COLOR); without colour here,
// the tools are told so. Turbo is told separately whether to colour its own output.
const env = { ...childEnvironment(colour), TURBO_TELEMETRY_DISABLED: '1' };
const turboColour = colour ? '--color' : '--no-color';
const unitOnly = process.argv.includes('--unit');
const failures = [];
const durations = [];

function step(name, cmd, args) {
  process.stdout.write(`\n${bold(`▶ ${name}`)}  (${cmd} ${args.join(' ')})\n`);
  const started = performance.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  durations.push(`${name} ${Math.round((performance.now() - started) / 1000)} s`);
  if (result.status !== 0) failures.push(name);
}

// Stale reports would be counted again: start from none (turbo restores the ones of cached tasks).
for (const pkg of workspacePackages(root)) rmSync(join(pkg.dir, 'reports'), { recursive: true, force: true });

if (unitOnly) {
  // --force: a cached result would say nothing about this Node.js; --only: the builds of the full check stand.
  const turbo = ['exec', 'turbo', 'run', 'test', '--force', '--only', '--continue', '--concurrency=2'];
  step(`unit and integration tests on Node.js ${process.version}`, 'pnpm', [...turbo, turboColour]);
} else {
  step('lint', 'pnpm', ['exec', 'biome', 'check', ...(colour ? [] : ['--colors=off']), '.']);
  step('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', turboColour]);
  step('release dry run', 'node', ['scripts/changeset-dry-run.mjs']);
  step('tests', 'pnpm', [
    'exec',
    'turbo',
    'run',
    'test',
    'e2e',
    '--continue',
    '--concurrency=2',
    turboColour,
  ]);
}

// Where the time went, one line: what to look at first when the run gets slow.
process.stdout.write(`\n${bold('time')}: ${durations.join(', ')}\n`);
const summary = summarizeReports(root, unitOnly ? ['test'] : ['test', 'e2e']);
for (const problem of summary.problems) process.stdout.write(`✗ ${problem}\n`);
if (failures.length > 0) process.stdout.write(`✗ failed steps: ${failures.join(', ')}\n`);
process.stdout.write(`${summary.passed} passed, ${summary.failed} failed\n`);
const ok =
  failures.length === 0 && summary.problems.length === 0 && summary.failed === 0 && summary.passed > 0;
process.exit(ok ? 0 : 1);
