#!/usr/bin/env node
// The main job in one command (`npm run demo`, after setup): build the scaffolder and the kit packages it
// needs, scaffold a Fastify app from the local templates, install it with npm against the kit packages
// packed as tarballs (the scaffolder does this when it runs from a checkout: every kit package the template
// needs, from the template's own package.json — exactly what npm users will get), then start `npm run dev`
// against the embedded Pinterest mock. Ctrl-C stops everything, quietly.
//
// `npm run demo -- --ci`: no browser, no fixed port. The app goes to a temporary folder outside the
// repository, starts on free ports, and the demo logs in over HTTP as a browser would (login → the mock's
// consent page → Allow → callback, with cookies), checks the boards page lists boards, stops everything and
// exits 0 — or 1 with what failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScaffolder, CLI } from './lib/scaffolder.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--ci');
if (unknown.length > 0) {
  process.stderr.write(`demo: unknown argument ${unknown.join(' ')}. Usage: npm run demo [-- --ci]\n`);
  process.exit(1);
}
const ci = args.includes('--ci');
const TEMPLATE = 'fastify';
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', npm_config_update_notifier: 'false' };
const started = Date.now();
let current; // the running child, stopped on Ctrl-C
let tempDir; // --ci: the app's temporary folder, removed at the end

const color = process.stdout.isTTY;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const STEPS = ci ? 5 : 4;

function step(number, message) {
  process.stdout.write(
    `\n${paint(36, `demo ${number}/${STEPS}`)} ${message} ${paint(90, `(${elapsed()})`)}\n`,
  );
}

function cleanUp() {
  if (current?.pid) stopGroup(current.pid, 'SIGKILL');
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}

function fail(message) {
  process.stderr.write(`\n${paint(31, 'demo failed:')} ${message}\n`);
  cleanUp();
  process.exit(1);
}

function stopGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Runs a command in a process group of its own (stopping it stops everything it started: npm does not pass
 * signals on to its script's children), its output streamed and kept. Resolves with the output on exit 0;
 * otherwise stops the demo with `explain(output)`, which names the cause.
 */
function run(cmd, cmdArgs, { cwd = root, explain, quiet = false, extraEnv = {} } = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, cmdArgs, {
      cwd,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    current = child;
    for (const [stream, target] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      stream.on('data', (chunk) => {
        output += chunk;
        if (!quiet) target.write(chunk);
      });
    }
    child.once('error', (error) =>
      fail(
        error.code === 'ENOENT'
          ? `${cmd} is not installed or not on PATH. Run \`node scripts/setup.mjs --no-system\` (it installs pnpm), then the demo again.`
          : `could not start ${cmd}: ${error.message}`,
      ),
    );
    child.once('close', (code, signal) => {
      current = undefined;
      stopGroup(child.pid, 'SIGKILL'); // leftovers of a finished step (watchers, servers)
      if (interrupted) return;
      if (code !== 0) {
        const reason = explain?.(output) ?? '';
        fail(`\`${cmd} ${cmdArgs.join(' ')}\` exited with ${code ?? signal}.${reason ? ` ${reason}` : ''}`);
      }
      resolve(output);
    });
  });
}

/** Why an `npm install` failed, from its output: a missing package, the network, or npm's own words. */
function explainInstall(output) {
  const missing = output.match(
    /404[^\n]*?'?(@?[\w./-]+@[^\s']+)'? (?:is not in this registry|could not be found)/,
  );
  if (missing) {
    const name = missing[1];
    return name.startsWith('@kit/')
      ? `${name} was looked up on the registry instead of its packed tarball: the app's package.json does not point at .kit-packages/ for it. Rebuild the scaffolder (\`pnpm --filter create-pinterest-app build\`) and run the demo again.`
      : `${name} is not on the registry npm uses (${npmRegistry()}): is the version in the template's package.json published?`;
  }
  if (/E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT)|ETIMEDOUT|network|proxy/i.test(output)) {
    return `npm could not reach its registry (${npmRegistry()}): check the network or proxy settings, then run the demo again.`;
  }
  if (/EINTEGRITY/.test(output)) {
    return 'A packed kit package changed since the last install: delete demo-app/ and run the demo again.';
  }
  const lastError = output
    .split('\n')
    .filter((line) => line.startsWith('npm error'))
    .slice(0, 3)
    .join(' | ');
  return lastError ? `npm said: ${lastError}` : 'See npm output above.';
}

function npmRegistry() {
  return 'see `npm config get registry`';
}

// Ctrl-C (or SIGTERM): stop the current step's whole process group (forcefully after 5 s or on a second
// Ctrl-C) and leave without error noise.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    const pid = current?.pid;
    if (interrupted || !pid) {
      cleanUp();
      process.exit(130);
    }
    interrupted = true;
    process.stdout.write(`\n${paint(36, 'demo')} stopped.\n`);
    stopGroup(pid, 'SIGTERM');
    const force = setTimeout(() => stopGroup(pid, 'SIGKILL'), 5000);
    current.once('close', () => {
      clearTimeout(force);
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

// 1. Build the scaffolder (its build bundles the templates and their manifest) and, through turbo's
//    ^build, the kit packages.
step(1, 'building create-pinterest-app and the kit packages (turbo, cached after the first run)');
await buildScaffolder({ run });

// 2. Scaffold from the checkout: the scaffolder packs the kit packages the template needs into
//    <app>/.kit-packages/ and points package.json at them.
if (ci) tempDir = realpathSync(mkdtempSync(join(tmpdir(), 'pinterest-demo-')));
const appDir = ci ? join(tempDir, 'demo-app') : join(root, 'demo-app');
const shown = relative(process.cwd(), appDir) || '.';
step(2, `scaffolding a ${TEMPLATE} app into ${shown} (create-pinterest-app --mock, from this checkout)`);
const rerun = !ci && existsSync(appDir);
const scaffold = await run(
  process.execPath,
  [
    CLI,
    appDir,
    '--template',
    TEMPLATE,
    '--mock',
    '--no-git',
    '--no-install',
    '--yes',
    '--pm',
    'npm',
    // A second run refreshes demo-app/ and keeps its node_modules.
    ...(rerun ? ['--overwrite', 'merge'] : []),
  ],
  { quiet: true, extraEnv: { NO_COLOR: '1' } },
);
// The scaffolder's own next steps are this script's job: show what it did, not what to do.
process.stdout.write(scaffold.split('\nNext steps:')[0].replace(/^/gm, '  ').concat('\n'));
if (rerun) {
  // New tarballs under the same names: let npm install them again instead of trusting the old lockfile.
  rmSync(join(appDir, 'package-lock.json'), { force: true });
  rmSync(join(appDir, 'node_modules', '@kit'), { recursive: true, force: true });
}

// 3. Install with npm, as a user would.
const kit = Object.keys(JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')).overrides ?? {});
step(3, `installing ${shown} with npm (${kit.join(', ')} from .kit-packages/, the rest from the registry)`);
process.stdout.write(paint(90, '  (about a minute the first time; npm prints its summary when done)\n'));
await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn'], {
  cwd: appDir,
  explain: explainInstall,
});

if (!ci) {
  // 4. Start it. The app prints its own banner; this says what to do with it.
  step(4, `starting ${shown}: npm run dev (the embedded Pinterest mock starts with it)`);
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
    explain: (output) =>
      /EADDRINUSE/.test(output)
        ? 'Port 3000 is in use: stop what uses it (or set PORT and PINTEREST_REDIRECT_URI in demo-app/.env) and run the demo again.'
        : 'See the app output above.',
  });
  process.exit(0);
}

// 4 (--ci). Start the app on free ports, against the embedded mock.
const [appPort, mockPort] = await Promise.all([freePort(), freePort()]);
const appUrl = `http://127.0.0.1:${appPort}`;
step(4, `starting the app on ${appUrl} (npm run dev, embedded Pinterest mock on port ${mockPort})`);
let appOutput = '';
const app = spawn('npm', ['run', 'dev'], {
  cwd: appDir,
  env: {
    ...env,
    NO_COLOR: '1',
    PORT: String(appPort),
    PINTEREST_MOCK_PORT: String(mockPort),
    PINTEREST_REDIRECT_URI: `${appUrl}/auth/callback`,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
current = app;
app.stdout.on('data', (chunk) => {
  appOutput += chunk;
});
app.stderr.on('data', (chunk) => {
  appOutput += chunk;
});
app.once('close', (code) => {
  if (current === app && !interrupted) {
    current = undefined;
    fail(`the app stopped (exit ${code}) before the check finished. Its output:\n${tail(appOutput)}`);
  }
});
await waitFor(appUrl, 60_000);

// 5 (--ci). Log in over HTTP, as the browser would, and look at the boards.
step(5, 'logging in over HTTP: login → consent page → Allow → callback, then the boards page');
const { account, count: boards } = await loginAndCountBoards(appUrl).catch((error) =>
  fail(`${error.message}\nApp output:\n${tail(appOutput)}`),
);
current = undefined;
stopGroup(app.pid, 'SIGTERM');
await new Promise((resolve) => {
  const force = setTimeout(() => stopGroup(app.pid, 'SIGKILL'), 5000);
  app.once('close', () => resolve(clearTimeout(force)));
  if (app.exitCode !== null || app.signalCode !== null) resolve(clearTimeout(force));
});
rmSync(tempDir, { recursive: true, force: true });
process.stdout.write(
  `\n${paint(32, 'demo ok:')} scaffolded, installed, started, logged in as ${account} and saw ${boards} boards (${elapsed()}).\n`,
);

function tail(text) {
  return text.trim().split('\n').slice(-25).join('\n');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers (any HTTP status), or fails after `timeoutMs`. */
async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  fail(`the app did not answer on ${url} within ${timeoutMs / 1000} s. Its output:\n${tail(appOutput)}`);
}

/**
 * A browser's login, by hand: cookies kept per origin, redirects followed one by one, the consent form
 * submitted with its hidden fields, the account preselected on it and the Allow button. Resolves with that
 * account (the signed-in page must name it) and the number of boards on /boards.
 */
async function loginAndCountBoards(base) {
  const jars = new Map(); // origin → Map(cookie name → value)
  const request = async (url, init = {}) => {
    const { origin } = new URL(url);
    const jar = jars.get(origin) ?? new Map();
    jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  /** Follows redirects from `url` (GET) until a page answers; returns its final URL and response. */
  const follow = async (url, init) => {
    let target = url;
    let response = await request(target, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 10) throw new Error(`more than 10 redirects from ${url}`);
      target = new URL(response.headers.get('location') ?? '', target).toString();
      response = await request(target);
    }
    return { url: target, response };
  };

  const consent = await follow(`${base}/auth/login`);
  const page = await consent.response.text();
  if (consent.response.status !== 200 || !/id="allow"/.test(page)) {
    throw new Error(
      `/auth/login did not lead to the mock's consent page (${consent.url}, HTTP ${consent.response.status}).`,
    );
  }
  const form = page.match(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/);
  if (!form) throw new Error(`no form on the consent page ${consent.url}.`);
  const fields = new URLSearchParams();
  for (const input of form[2].matchAll(/<input ([^>]*)>/g)) {
    const attrs = Object.fromEntries(
      [...input[1].matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], unescapeHtml(m[2] ?? '')]),
    );
    if (attrs.type === 'hidden' || (attrs.type === 'radio' && 'checked' in attrs))
      fields.append(attrs.name, attrs.value);
  }
  fields.append('decision', 'allow');
  const account = form[2].match(/<input type="radio" name="user_id" value="[^"]*" checked> ([^<]+)</)?.[1];
  if (!account) throw new Error(`no account is preselected on the consent page ${consent.url}.`);
  const action = new URL(unescapeHtml(form[1]), consent.url).toString();
  const back = await request(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  const callback = back.headers.get('location');
  if (back.status !== 302 || !callback?.startsWith(`${base}/auth/callback`)) {
    throw new Error(
      `Allow on the consent page answered HTTP ${back.status}, not a redirect to the app's callback.`,
    );
  }
  const landed = await follow(callback);
  if (
    landed.response.status !== 200 ||
    !landed.url.startsWith(base) ||
    landed.url.includes('/auth/problem')
  ) {
    throw new Error(
      `the callback ended on ${landed.url} (HTTP ${landed.response.status}), not on a signed-in page.`,
    );
  }
  const signedIn = await landed.response.text();
  if (!signedIn.includes(unescapeHtml(account))) {
    throw new Error(`the page after the callback (${landed.url}) does not name the account ${account}.`);
  }

  const boards = await follow(`${base}/boards`);
  const html = await boards.response.text();
  const count = [...html.matchAll(/class="card-link" href="\/boards\//g)].length;
  if (boards.url !== `${base}/boards` || boards.response.status !== 200 || count === 0) {
    throw new Error(
      `${base}/boards shows no boards (ended on ${boards.url}, HTTP ${boards.response.status}).`,
    );
  }
  return { account: unescapeHtml(account), count };
}

function unescapeHtml(text) {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
