#!/usr/bin/env node
// Installs everything the project needs on a machine that has only Node.js and npm:
// pnpm (exact version), then Chromium and redis-server for the browser and Redis suites, then the workspace.
// Usage: node scripts/setup.mjs [--no-system]   (--no-system skips Chromium/redis-server, enough for the demo)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { childEnvironment, stylesFor } from './lib/colours.mjs';

const PNPM_VERSION = '12.4.2';
const CHROMIUM = '/usr/bin/chromium';
const wantSystem = !process.argv.includes('--no-system');
const { cyan, enabled: colour } = stylesFor(process.stdout);
const env = { ...childEnvironment(colour), TURBO_TELEMETRY_DISABLED: '1', COREPACK_INTEGRITY_KEYS: '0' };

function step(message) {
  process.stdout.write(`${cyan('setup')} ${message}\n`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env, ...options });
  if (result.status !== 0) {
    process.stderr.write(
      `setup: \`${cmd} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).\n`,
    );
    process.exit(1);
  }
}

function output(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', env });
  return result.status === 0 ? result.stdout.trim() : null;
}

function onPath(bin) {
  return output('sh', ['-c', `command -v ${bin}`]) !== null;
}

// 1. pnpm, exactly the version in package.json#packageManager.
if (output('pnpm', ['--version']) === PNPM_VERSION) {
  step(`pnpm ${PNPM_VERSION} ✓`);
} else {
  step(`installing pnpm ${PNPM_VERSION} (npm i -g pnpm@${PNPM_VERSION})`);
  run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]);
}

// 2. System packages for the browser and Redis suites.
if (wantSystem) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!onPath('redis-server')) missing.push('redis-server');
  if (missing.length === 0) {
    step('chromium and redis-server ✓');
  } else if (process.getuid?.() === 0 && onPath('apt-get')) {
    step(`installing ${missing.join(' and ')} with apt-get (a minute or two)`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing], {
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    process.stderr.write(
      `setup: missing ${missing.join(', ')}. Install with \`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\` (Debian/Ubuntu), then run this command again.\n`,
    );
    process.exit(1);
  }
}

// 3. The workspace itself (frozen lockfile on CI).
step('installing workspace dependencies (pnpm install)');
run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);
step('done');
