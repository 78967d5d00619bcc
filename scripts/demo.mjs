#!/usr/bin/env node
// The main job in one command (`pnpm demo`, after setup): build the scaffolder and the packages it uses,
// scaffold a Fastify app from the local templates into demo-app/ (git-ignored), point it at the LOCAL
// @kit/auth-core and @kit/pinterest-mock (file: links to their built dist), install it with npm and start
// `npm run dev` against the embedded Pinterest mock. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const appDir = join(root, 'demo-app');
const cli = join(root, 'packages', 'create-pinterest-app', 'dist', 'cli.js');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', npm_config_update_notifier: 'false' };
const started = Date.now();
let current; // the running child, stopped on Ctrl-C

const color = process.stdout.isTTY;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;

function step(number, message) {
  process.stdout.write(`\n${paint(36, `demo ${number}/4`)} ${message} ${paint(90, `(${elapsed()})`)}\n`);
}

function fail(message) {
  process.stderr.write(`\n${paint(31, 'demo failed:')} ${message}\n`);
  process.exit(1);
}

/**
 * Runs a command with its output streamed, in a process group of its own so that stopping it stops
 * everything it started (npm does not pass signals on to its script's children). Resolves on exit 0, else
 * stops the demo with `hint`.
 */
function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    current = spawn(cmd, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
      ...options,
    });
    current.once('error', (error) => fail(`could not start ${cmd}: ${error.message}`));
    current.once('exit', (code, signal) => {
      const pid = current?.pid;
      current = undefined;
      if (pid) stopGroup(pid, 'SIGKILL'); // leftovers of a finished step (watchers, servers)
      if (interrupted) process.exit(130);
      if (code !== 0)
        fail(`\`${cmd} ${args.join(' ')}\` exited with ${code ?? signal}. ${options.hint ?? ''}`);
      resolve();
    });
  });
}

function stopGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

// Ctrl-C (or SIGTERM): stop the current step's whole process group, forcefully after 5 s or on a second
// Ctrl-C, then exit 130.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!current?.pid) process.exit(130);
    const pid = current.pid;
    if (interrupted) stopGroup(pid, 'SIGKILL');
    interrupted = true;
    process.stdout.write(`\n${paint(36, 'demo')} stopping…\n`);
    stopGroup(pid, signal);
    setTimeout(() => stopGroup(pid, 'SIGKILL'), 5000).unref();
  });
}

// 1. Build the scaffolder (its build bundles the templates) and, through turbo's ^build, the packages it uses.
step(
  1,
  'building create-pinterest-app, @kit/auth-core and @kit/pinterest-mock (turbo, cached after the first run)',
);
await run(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=create-pinterest-app', '--output-logs=errors-only'],
  {
    hint: 'Run `pnpm install` first (or `npm run demo`, which does).',
  },
);
for (const dist of [
  'packages/auth-core/dist/index.js',
  'packages/pinterest-mock/dist/index.js',
  'packages/create-pinterest-app/dist/cli.js',
]) {
  if (!existsSync(join(root, dist))) fail(`${dist} is missing after the build.`);
}

// 2. Scaffold from the local templates. A second run merges into the existing demo-app (its node_modules stay).
step(
  2,
  `scaffolding a Fastify app into ${relative(process.cwd(), appDir) || '.'} (create-pinterest-app --mock)`,
);
await run(process.execPath, [
  cli,
  'demo-app',
  '--template',
  'fastify',
  '--mock',
  '--no-git',
  '--no-install',
  '--yes',
  '--pm',
  'npm',
  ...(existsSync(appDir) ? ['--overwrite', 'merge'] : []),
]);

// 3. Use the LOCAL packages: file: links to the built workspace packages instead of the registry.
step(3, 'installing demo-app with npm, linked to the local @kit/auth-core and @kit/pinterest-mock');
const pkgPath = join(appDir, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const local = {
  '@kit/auth-core': 'file:../packages/auth-core',
  '@kit/pinterest-mock': 'file:../packages/pinterest-mock',
};
for (const field of ['dependencies', 'devDependencies']) {
  for (const [name, spec] of Object.entries(local)) if (pkg[field]?.[name]) pkg[field][name] = spec;
}
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
process.stdout.write(paint(90, '  (about a minute the first time; npm prints its summary when done)\n'));
await run('npm', ['install', '--no-audit', '--no-fund', '--install-links=false', '--loglevel=warn'], {
  cwd: appDir,
  hint: 'Check your network access to the npm registry, then run the demo again.',
});

// 4. Start it. The app prints its own banner; this says what to do with it.
step(4, 'starting demo-app: npm run dev (the embedded Pinterest mock starts with it)');
process.stdout.write(
  [
    '',
    paint(1, '  When the banner below shows "Open http://localhost:3000":'),
    '    1. open http://localhost:3000 in your browser',
    '    2. click "Log in with Pinterest"',
    '    3. on the mock\'s consent page ("Give … access to your Pinterest account?"), keep mock_alice and click Allow',
    '    4. you are back on the app, logged in: your profile, boards and Pins come from the mock',
    paint(90, '  Ctrl-C stops the app and the mock.'),
    '',
  ].join('\n'),
);
await run('npm', ['run', 'dev'], {
  cwd: appDir,
  hint: 'Is port 3000 (or 8765) already in use? Stop what uses it and run the demo again.',
});
