import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { runCommand } from './helpers.js';

/** A throwaway npm registry (Verdaccio) on 127.0.0.1, storage in a temp folder. */
export interface LocalRegistry {
  url: string;
  /** An npmrc with `registry=` and a throwaway user's token, for npm/pnpm via npm_config_userconfig. */
  npmrc: string;
  /** Everything Verdaccio printed (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** Packages served only from the local storage (never proxied): what the test publishes. */
const LOCAL_ONLY = ['@kit/*', 'create-pinterest-app'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The registry npm is configured with here (the uplink Verdaccio proxies everything else to). */
export function configuredRegistry(): string {
  const result = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
  const url = result.stdout.trim();
  return url.length > 0 ? url : 'https://registry.npmjs.org/';
}

/**
 * The CA file npm trusts (`npm config get cafile`), if any. Verdaccio is a plain Node process: on a network
 * that re-signs TLS with its own CA it must be told to trust the same file, or its uplink fails and every
 * proxied package answers 404.
 */
function configuredCaFile(): string | undefined {
  const result = spawnSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' });
  const file = result.stdout.trim();
  return file.length > 0 && file !== 'null' && file !== 'undefined' ? file : undefined;
}

/**
 * Starts Verdaccio 6 (the devDependency) with a config written now: storage under `dir`, uplink = npm's
 * configured registry for everything but the kit's own packages, which only exist locally. Adds a
 * throwaway user (publishing needs one) and resolves once `/-/ping` answers.
 */
export async function startLocalRegistry(dir: string, timeoutMs = 60_000): Promise<LocalRegistry> {
  const require = createRequire(import.meta.url);
  let pkgPath: string;
  try {
    pkgPath = require.resolve('verdaccio/package.json');
  } catch {
    throw new Error(
      'verdaccio is not installed: it is a devDependency of create-pinterest-app (6.8.0), which needs the ' +
        'override `verdaccio-audit>node-fetch: 2.7.0` in pnpm-workspace.yaml; then run pnpm install.',
    );
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> | string };
  const bin = join(dirname(pkgPath), typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin.verdaccio ?? ''));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const uplink = configuredRegistry();
  const local = LOCAL_ONLY.map(
    (pattern) =>
      `  '${pattern}':\n    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\n`,
  ).join('');
  const config = `storage: ${JSON.stringify(join(dir, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, 'htpasswd'))}
    max_users: 10
    algorithm: sha1
uplinks:
  upstream:
    url: ${JSON.stringify(uplink)}
    timeout: 120s
    # A burst of installs must not mark the real registry offline for minutes after a few slow answers:
    # fewer sockets at once, and a failed uplink is tried again after 2 s instead of 5 min.
    max_fails: 20
    fail_timeout: 2s
    agent_options:
      keepAlive: true
      maxSockets: 8
packages:
${local}  '**':
    access: $all
    publish: $authenticated
    proxy: upstream
listen: 127.0.0.1:${port}
server:
  keepAliveTimeout: 60
web:
  enable: false
max_body_size: 100mb
log: { type: stdout, format: pretty, level: error }
`;
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, config);

  let output = '';
  const caFile = process.env.NODE_EXTRA_CA_CERTS ?? configuredCaFile();
  const child: ChildProcess = spawn(process.execPath, [bin, '--config', configPath], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: caFile ? { ...process.env, NODE_EXTRA_CA_CERTS: caFile } : process.env,
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const closed = new Promise((resolve) => child.once('close', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
    await closed;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/-/ping`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Verdaccio did not start on ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  // A throwaway user: npm refuses to publish without a token.
  const name = `e2e${Date.now()}`;
  const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      password: `pw-${name}`,
      type: 'user',
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) {
    await stop();
    throw new Error(`Could not add a user to Verdaccio (${response.status}): ${JSON.stringify(body)}`);
  }
  const npmrc = join(dir, 'npmrc');
  writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${body.token}\n`);
  return { url: `${url}/`, npmrc, log: () => output, stop };
}

/**
 * Packs a workspace package with `pnpm pack` (which turns `workspace:` ranges into real ones), sets
 * `version` (and the kit's own dependencies to exactly that prerelease) and publishes it to the registry.
 */
export async function packAndPublish(
  packageDir: string,
  version: string,
  work: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 180_000,
): Promise<void> {
  const name = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string }).name;
  const out = join(work, 'tarballs', name.replace('/', '__'));
  mkdirSync(out, { recursive: true });
  const pack = await runCommand('pnpm', ['pack', '--pack-destination', out], {
    cwd: packageDir,
    env,
    timeoutMs,
  });
  if (pack.code !== 0) throw new Error(`pnpm pack ${name} failed:\n${pack.output}`);
  const tarball = readdirSync(out).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack ${name} wrote no tarball:\n${pack.output}`);
  const unpacked = join(out, 'unpacked');
  mkdirSync(unpacked);
  const untar = spawnSync('tar', ['-xzf', join(out, tarball), '-C', unpacked]);
  if (untar.status !== 0) throw new Error(`tar failed for ${tarball}: ${untar.stderr}`);

  const manifestPath = join(unpacked, 'package', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.version = version;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = manifest[field] as Record<string, string> | undefined;
    if (!deps) continue;
    for (const dep of Object.keys(deps)) if (dep.startsWith('@kit/')) deps[dep] = version;
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  // The scaffolder pins each kit package to the version its build recorded; a real release builds after
  // `changeset version` bumped the group, so the throwaway release records its own version the same way.
  const templateManifestPath = join(unpacked, 'package', 'templates', 'manifest.json');
  if (existsSync(templateManifestPath)) {
    const templates = JSON.parse(readFileSync(templateManifestPath, 'utf8')) as {
      kitPackages: Record<string, string>;
    };
    for (const kit of Object.keys(templates.kitPackages)) templates.kitPackages[kit] = version;
    writeFileSync(templateManifestPath, `${JSON.stringify(templates, null, 2)}\n`);
  }
  const publish = await runCommand(
    'npm',
    ['publish', join(unpacked, 'package'), '--tag', 'e2e', '--ignore-scripts', '--access', 'public'],
    { cwd: work, env, timeoutMs },
  );
  if (publish.code !== 0) throw new Error(`npm publish ${name}@${version} failed:\n${publish.output}`);
}
