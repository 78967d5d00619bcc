// Finds the workspace packages and sums the vitest JSON reports their `test`/`e2e` scripts write to
// reports/vitest-<task>.json. A task that should have written a report but did not is a problem, so a
// suite that crashed before reporting cannot pass as "0 failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The workspace's package folders, read from pnpm-workspace.yaml's `packages:` list (`dir/*` or `dir`), so a
 * package added there is counted here too.
 */
function workspaceDirs(root) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = /^packages:\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  const dirs = [];
  for (const entry of list.matchAll(/^[ \t]+-[ \t]*['"]?([^'"\n]+?)['"]?[ \t]*$/gm)) {
    const pattern = entry[1];
    if (!pattern.endsWith('/*')) {
      dirs.push(join(root, pattern));
      continue;
    }
    const group = join(root, pattern.slice(0, -2));
    if (!existsSync(group)) continue;
    for (const name of readdirSync(group).sort()) dirs.push(join(group, name));
  }
  return dirs;
}

export function workspacePackages(root) {
  const found = [];
  for (const dir of workspaceDirs(root)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    found.push({ dir, manifest: JSON.parse(readFileSync(manifest, 'utf8')) });
  }
  return found;
}

/** Sums the reports of the given tasks (`test`: unit and integration, `e2e`: browser and process suites). */
export function summarizeReports(root, tasks = ['test', 'e2e']) {
  const summary = { passed: 0, failed: 0, skipped: 0, problems: [] };
  for (const pkg of workspacePackages(root)) {
    for (const task of tasks) {
      if (!pkg.manifest.scripts?.[task]) continue;
      const file = join(pkg.dir, 'reports', `vitest-${task}.json`);
      if (!existsSync(file)) {
        summary.problems.push(`${pkg.manifest.name}: \`${task}\` wrote no report (${file})`);
        continue;
      }
      const report = JSON.parse(readFileSync(file, 'utf8'));
      summary.passed += report.numPassedTests;
      summary.failed += report.numFailedTests;
      summary.skipped += report.numPendingTests + report.numTodoTests;
      if (report.numTotalTests === 0) summary.problems.push(`${pkg.manifest.name}: \`${task}\` ran no test`);
      if (report.numPendingTests + report.numTodoTests > 0) {
        summary.problems.push(
          `${pkg.manifest.name}: \`${task}\` skipped ${report.numPendingTests + report.numTodoTests} test(s)`,
        );
      }
      if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) {
        summary.problems.push(`${pkg.manifest.name}: \`${task}\` has a suite that failed to load`);
      }
    }
  }
  return summary;
}
