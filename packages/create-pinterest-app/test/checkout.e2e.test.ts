/**
 * Before the first release: every template, scaffolded from this checkout into a folder outside the
 * repository (the OS temp folder) and moved to another folder, installs with npm and passes its own tests
 * there: its kit packages travel with it (.kit-packages/, relative file: links).
 */
import { mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseEnv,
  CHECKOUT_CLI,
  makeTempDir,
  type RunResult,
  removeDir,
  runCli,
  runCommand,
} from './helpers.js';

const STEP_MS = 300_000;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  work = makeTempDir('cpa-checkout-');
  env = baseEnv({
    // A cache of its own, kept between runs (fast), never the user's.
    npm_config_cache: join(tmpdir(), 'create-pinterest-app-e2e-npm-cache'),
    // What the cache holds is used without asking the registry again; what it lacks is still fetched.
    npm_config_prefer_offline: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  });
});
afterAll(() => removeDir(work));

function explain(step: string, result: RunResult): string {
  return `${step} exited ${result.code}\n${result.output.slice(-6000)}`;
}

describe.each(['fastify', 'react-spa', 'script'])('template %s from the checkout', (template) => {
  it('installs outside the repository and its own tests pass', async () => {
    const scaffolded = join(work, 'made', template);
    mkdirSync(scaffolded, { recursive: true });
    const made = await runCli(
      ['my-app', '--template', template, '--mock', '--yes', '--no-install', '--no-git'],
      {
        cwd: scaffolded,
        cli: CHECKOUT_CLI,
        env,
        timeoutMs: STEP_MS,
      },
    );
    expect(made.code, explain('create-pinterest-app', made)).toBe(0);
    // Moved elsewhere before installing: the kit packages travel with the app.
    const app = join(work, 'moved', template);
    mkdirSync(join(work, 'moved'), { recursive: true });
    renameSync(join(scaffolded, 'my-app'), app);

    const install = await runCommand('npm', ['install'], { cwd: app, env, timeoutMs: STEP_MS });
    expect(install.code, explain('npm install', install)).toBe(0);
    const test = await runCommand('npm', ['test'], { cwd: app, env, timeoutMs: STEP_MS });
    expect(test.code, explain('npm test', test)).toBe(0);
    expect(test.output).toMatch(/Tests\s+\d+ passed/);
  });
});
