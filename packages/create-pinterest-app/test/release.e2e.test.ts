/**
 * Release-shaped end to end: the kit's packages are packed and published to a throwaway Verdaccio on
 * 127.0.0.1 (uplink = the registry npm is configured with), then a user's exact command scaffolds an app
 * that installs from it and type-checks on its own. Every step is bounded in time. The generated apps' own
 * tests run here for pnpm (its strict node_modules layout); with npm, checkout.e2e.test.ts runs them for
 * every template against the same packed kit (`pnpm pack` of the same folders), not a second time here.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseEnv,
  makeTempDir,
  PACKAGE_DIR,
  type RunResult,
  removeDir,
  runCommand,
  VERSION,
} from './helpers.js';
import { type LocalRegistry, packAndPublish, startLocalRegistry } from './registry.js';

const PUBLISHED = ['../auth-core', '../pinterest-mock', '../redis-store', '.'].map((dir) =>
  join(PACKAGE_DIR, dir),
);
/** Templates that switch to @kit/redis-store with REDIS_URL: it is a dependency, installed with the app. */
const WITH_REDIS_STORE = new Set(['fastify', 'react-spa']);
const RELEASE = `${VERSION}-e2e.${Date.now()}`;
const STEP_MS = 300_000;

let work: string;
let registry: LocalRegistry;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = makeTempDir('cpa-release-');
  registry = await startLocalRegistry(join(work, 'registry'));
  env = baseEnv({
    npm_config_registry: registry.url,
    npm_config_userconfig: registry.npmrc,
    // npm: a cache of its own, kept between runs (fast), never the user's. pnpm: its usual
    // content-addressed store (same integrity whichever registry served a tarball).
    npm_config_cache: join(tmpdir(), 'create-pinterest-app-e2e-npm-cache'),
    // What the cache holds is used without asking the registry again; what it lacks is still fetched.
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // Just published: pnpm's minimum release age would hold them back.
    npm_config_minimum_release_age: '0',
    // The generated apps' tests run as in a user's CI, not inside this monorepo's turbo task.
    TURBO_HASH: undefined,
    INIT_CWD: undefined,
    PNPM_SCRIPT_SRC_DIR: undefined,
    npm_package_json: undefined,
  });
  for (const dir of PUBLISHED) await packAndPublish(dir, RELEASE, work, env);
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  if (work) removeDir(work);
});

function explain(step: string, result: RunResult): string {
  return `${step} exited ${result.code}\n--- output ---\n${result.output.slice(-6000)}\n--- verdaccio ---\n${registry.log().slice(-2000)}`;
}

async function scaffoldAndTest(template: string, pm: 'npm' | 'pnpm'): Promise<void> {
  const dir = join(work, `${pm}-${template}`);
  mkdirSync(dir);
  const create =
    pm === 'npm'
      ? await runCommand(
          'npm',
          ['create', `pinterest-app@${RELEASE}`, 'my-app', '--', '--template', template, '--mock', '--yes'],
          { cwd: dir, env, timeoutMs: STEP_MS },
        )
      : await runCommand(
          'pnpm',
          ['create', `pinterest-app@${RELEASE}`, 'my-app', '--template', template, '--mock', '--yes'],
          { cwd: dir, env, timeoutMs: STEP_MS },
        );
  expect(create.code, explain(`${pm} create`, create)).toBe(0);

  const app = join(dir, 'my-app');
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  expect(pkg.dependencies['@kit/auth-core']).toBe(`^${RELEASE}`);
  // Installed by the package manager that ran `create`, from the local registry.
  expect(existsSync(join(app, 'node_modules', '@kit', 'auth-core', 'package.json'))).toBe(true);
  const installed = JSON.parse(
    readFileSync(join(app, 'node_modules', '@kit', 'auth-core', 'package.json'), 'utf8'),
  ) as { version: string };
  expect(installed.version).toBe(RELEASE);
  if (WITH_REDIS_STORE.has(template)) {
    // REDIS_URL works without a further `npm install`: the store (and ioredis) came with the app.
    expect(pkg.dependencies['@kit/redis-store']).toBe(`^${RELEASE}`);
    const redisStore = JSON.parse(
      readFileSync(join(app, 'node_modules', '@kit', 'redis-store', 'package.json'), 'utf8'),
    ) as { version: string; dependencies: Record<string, string> };
    expect(redisStore.version).toBe(RELEASE);
    expect(redisStore.dependencies['@kit/auth-core']).toBe(RELEASE);
    const load = await runCommand(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('@kit/redis-store'); console.log(typeof m.createRedisStores);",
      ],
      { cwd: app, env, timeoutMs: 60_000 },
    );
    expect(load.stdout.trim(), load.output).toBe('function');
  }
  expect(existsSync(join(app, pm === 'npm' ? 'package-lock.json' : 'pnpm-lock.yaml'))).toBe(true);
  expect(existsSync(join(app, '.git'))).toBe(true);
  expect(create.stdout).toContain(pm === 'npm' ? 'npm run dev' : 'pnpm dev');

  if (pm === 'pnpm') {
    const test = await runCommand(pm, ['test'], { cwd: app, env, timeoutMs: STEP_MS });
    expect(test.code, explain(`${pm} test`, test)).toBe(0);
    // A generated app's `test` is plain `vitest run` (no report file): its summary line says it all.
    const summary = test.output.match(/Tests\s+(?:(\d+) failed \| )?(\d+) passed/);
    expect(summary?.[1], test.output.slice(-3000)).toBeUndefined();
    expect(Number(summary?.[2] ?? 0)).toBeGreaterThan(0);
  }

  // A generated app type-checks on its own (its tsconfig and types come with it, not from the monorepo).
  const typecheck = await runCommand(pm, ['run', 'typecheck'], { cwd: app, env, timeoutMs: STEP_MS });
  expect(typecheck.code, explain(`${pm} run typecheck`, typecheck)).toBe(0);
}

describe(`published ${RELEASE} through a local registry`, () => {
  it('npm create pinterest-app@<version> my-app -- --template fastify --mock --yes; npm run typecheck', async () => {
    await scaffoldAndTest('fastify', 'npm');
  });

  it('npm create … --template react-spa; npm run typecheck', async () => {
    await scaffoldAndTest('react-spa', 'npm');
  });

  it('npm create … --template script; npm run typecheck', async () => {
    await scaffoldAndTest('script', 'npm');
  });

  it('pnpm create pinterest-app@<version> my-app --template fastify --mock --yes; pnpm test; pnpm run typecheck', async () => {
    await scaffoldAndTest('fastify', 'pnpm');
  });

  it('the published create-pinterest-app has no runtime dependencies', async () => {
    const view = await runCommand('npm', ['view', `create-pinterest-app@${RELEASE}`, '--json'], {
      cwd: work,
      env,
      timeoutMs: 60_000,
    });
    expect(view.code, view.output).toBe(0);
    const manifest = JSON.parse(view.stdout) as {
      dependencies?: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin['create-pinterest-app']).toBe('dist/cli.js');
  });
});
