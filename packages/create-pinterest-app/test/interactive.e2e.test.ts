import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATES, baseEnv, makeTempDir, readJson, removeDir, snapshot } from './helpers.js';
import { KEY, PtySession } from './pty.js';

const ADS_READ_MEANING =
  readJson<{ scopes: Array<{ name: string; meaning: string }> }>(
    join(BUNDLED_TEMPLATES, 'manifest.json'),
  ).scopes.find((scope) => scope.name === 'ads:read')?.meaning ?? 'ads:read has no meaning in the manifest';

const CANARY = 'canary-typed-secret-5d1e';

let cwd: string;
let session: PtySession | undefined;
beforeEach(() => {
  cwd = makeTempDir();
});
afterEach(() => {
  session?.kill();
  session = undefined;
  removeDir(cwd);
});

/** A user's terminal: a TTY, CI unset, no package manager detected. */
function start(args: string[] = []): PtySession {
  session = new PtySession(args, { cwd, env: baseEnv({ CI: undefined, TERM: 'xterm-256color' }) });
  return session;
}

describe('interactive session in a real pseudo-terminal', () => {
  it('answers every prompt: folder, template, app id, masked secret, scopes, install, git', async () => {
    const s = start();
    await s.waitFor('Project folder');
    await s.press(...'my-app', KEY.enter);
    await s.waitFor('Template');
    await s.waitFor('Server-rendered Fastify'); // one-line descriptions are shown
    await s.press(KEY.down, KEY.enter); // react-spa
    await s.waitFor('Pinterest App ID');
    await s.press(...'1234567', KEY.enter);
    await s.waitFor('Pinterest app secret');
    await s.press(...CANARY, KEY.enter);
    await s.waitFor('Scopes to request');
    await s.waitFor(ADS_READ_MEANING.slice(0, 40)); // each scope with its meaning, from the manifest
    await s.press(KEY.space, KEY.enter); // adds ads:read (the cursor starts on it) to the defaults
    await s.waitFor('Install dependencies with npm?');
    await s.press(KEY.right, KEY.enter); // No
    await s.waitFor('Initialise a git repository?');
    await s.press(KEY.right, KEY.enter); // No
    expect(await s.exited).toBe(0);

    const project = join(cwd, 'my-app');
    expect(readJson(join(project, 'package.json')).name).toBe('my-app');
    expect(
      readJson<{ devDependencies: Record<string, string> }>(join(project, 'package.json')).devDependencies
        .vite,
    ).toBe('8.3.8');
    const env = readFileSync(join(project, '.env'), 'utf8');
    expect(env).toMatch(/^PINTEREST_APP_ID=1234567$/m);
    expect(env).toMatch(new RegExp(`^PINTEREST_APP_SECRET=${CANARY}$`, 'm'));
    expect(env).toMatch(/^PINTEREST_REDIRECT_URI=http:\/\/localhost:5173\/auth\/callback$/m);
    expect(env).toMatch(/^PINTEREST_SCOPES=ads:read,boards:read,pins:read,user_accounts:read$/m);
    expect(existsSync(join(project, '.git'))).toBe(false);
    expect(existsSync(join(project, 'node_modules'))).toBe(false);
    // S3: the typed secret was masked and never echoed; the screen shows a fingerprint instead.
    expect(s.rawOutput).not.toContain(CANARY);
    expect(s.text).toMatch(/fingerprint [0-9a-f]{8}/);
    expect(readFileSync(join(project, '.env.example'), 'utf8')).not.toContain(CANARY);
    expect(s.text).toContain('cd my-app');
    expect(s.text).toContain('npm install');
    expect(s.text).toContain('http://localhost:5173/auth/callback');
  });

  it('an empty App ID means the mock; an invalid folder name asks for a package name', async () => {
    const s = start(['My App']);
    await s.waitFor('Package name');
    await s.press(KEY.enter); // accept the suggestion
    await s.waitFor('Template');
    await s.press(KEY.enter); // fastify
    await s.waitFor('Pinterest App ID');
    await s.press(KEY.enter); // empty → mock: no secret prompt
    await s.waitFor('Scopes to request');
    await s.press(KEY.enter);
    await s.waitFor('Install dependencies');
    await s.press(KEY.right, KEY.enter);
    await s.waitFor('Initialise a git repository?');
    await s.press(KEY.right, KEY.enter);
    expect(await s.exited).toBe(0);
    expect(s.text).not.toContain('Pinterest app secret');
    expect(readJson(join(cwd, 'My App', 'package.json')).name).toBe('my-app');
    expect(readFileSync(join(cwd, 'My App', '.env'), 'utf8')).not.toMatch(/^PINTEREST_APP_ID=/m);
  });

  it('flags answer their prompts: only the missing ones are asked', async () => {
    const s = start(['flagged', '--template', 'script', '--mock', '--scopes', 'boards:read', '--no-git']);
    await s.waitFor('Install dependencies');
    await s.press(KEY.right, KEY.enter);
    expect(await s.exited).toBe(0);
    for (const prompt of [
      'Project folder',
      'Template',
      'Pinterest App ID',
      'Scopes to request',
      'git repository',
    ]) {
      expect(s.text).not.toContain(prompt);
    }
    expect(readFileSync(join(cwd, 'flagged', '.env'), 'utf8')).toContain(
      'PINTEREST_REDIRECT_URI=http://localhost:8085/',
    );
  });

  for (const [where, keysBefore] of [
    ['the first prompt', []],
    ['the template prompt', ['Project folder', 'x-app']],
    [
      'the secret prompt',
      [
        'Project folder',
        'x-app',
        'Template',
        '',
        'Pinterest App ID',
        '42',
        'Pinterest app secret',
        'half-typ',
      ],
    ],
  ] as const) {
    it(`Ctrl-C at ${where}: exit 130, "Nothing was written", nothing written`, async () => {
      const before = snapshot(cwd);
      const s = start();
      for (let i = 0; i < keysBefore.length; i += 2) {
        await s.waitFor(keysBefore[i] ?? '');
        const typed = keysBefore[i + 1] ?? '';
        if (i + 2 < keysBefore.length) await s.press(...typed, KEY.enter);
        else await s.press(...typed);
      }
      if (keysBefore.length === 0) await s.waitFor('Project folder');
      await s.press(KEY.ctrlC);
      expect(await s.exited).toBe(130);
      expect(s.text).toContain('Cancelled. Nothing was written.');
      expect(snapshot(cwd)).toEqual(before);
    });
  }

  it('a non-empty folder: the overwrite question defaults to Cancel, and nothing changes', async () => {
    mkdirSync(join(cwd, 'busy'));
    writeFileSync(join(cwd, 'busy', 'notes.txt'), 'mine\n');
    const before = snapshot(cwd);
    const s = start(['busy']);
    await s.waitFor('"busy" is not empty (1 entry). What now?');
    await s.press(KEY.enter);
    expect(await s.exited).toBe(130);
    expect(s.text).toContain('Nothing was written');
    expect(snapshot(cwd)).toEqual(before);
  });

  it('with a TTY, --no-interactive never prompts', async () => {
    const s = start(['quiet', '--no-interactive', '--no-install', '--no-git']);
    expect(await s.exited).toBe(0);
    expect(s.text).not.toContain('Project folder');
    expect(existsSync(join(cwd, 'quiet', '.env'))).toBe(true);
  });
});
