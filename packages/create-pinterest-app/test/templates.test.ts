import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUNDLED_TEMPLATES,
  baseEnv,
  fileMode,
  listFiles,
  makeTempDir,
  readJson,
  removeDir,
  runCli,
  VERSION,
} from './helpers.js';

const REDIRECT_URIS: Record<string, string> = {
  fastify: 'http://localhost:3000/auth/callback',
  'react-spa': 'http://localhost:5173/auth/callback',
  script: 'http://localhost:8085/',
};

let cwd: string;
beforeEach(() => {
  cwd = makeTempDir();
});
afterEach(() => removeDir(cwd));

type Pkg = { name: string; [field: string]: unknown };

function dependencies(pkg: Pkg): Record<string, string> {
  return {
    ...((pkg.dependencies as Record<string, string>) ?? {}),
    ...((pkg.devDependencies as Record<string, string>) ?? {}),
    ...((pkg.peerDependencies as Record<string, string>) ?? {}),
    ...((pkg.optionalDependencies as Record<string, string>) ?? {}),
  };
}

/** What the template's files become in a project: `_gitignore` → `.gitignore`, plus .env/.env.example. */
function expectedFiles(template: string): string[] {
  const files = new Set(
    listFiles(join(BUNDLED_TEMPLATES, template)).map((file) =>
      file
        .split('/')
        .map((part) => ({ _gitignore: '.gitignore', _npmrc: '.npmrc' })[part] ?? part)
        .join('/'),
    ),
  );
  for (const file of ['.env', '.env.example', '.gitignore']) files.add(file);
  return [...files].sort();
}

describe.each(['fastify', 'react-spa', 'script'])('template %s', (template) => {
  it('--mock --yes --no-install --no-git writes the whole template, configured for the mock', async () => {
    const result = await runCli(
      ['my-app', '--template', template, '--mock', '--yes', '--no-install', '--no-git'],
      {
        cwd,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const project = join(cwd, 'my-app');
    expect(listFiles(project)).toEqual(expectedFiles(template));

    // package.json: name set, workspace: ranges → this release's version, vite pinned.
    const pkg = readJson<Pkg>(join(project, 'package.json'));
    const templatePkg = readJson<Pkg>(join(BUNDLED_TEMPLATES, template, 'package.json'));
    expect(pkg.name).toBe('my-app');
    const deps = dependencies(pkg);
    expect(JSON.stringify(pkg)).not.toContain('workspace:');
    const kit = readJson<{ kitPackages: Record<string, string> }>(
      join(BUNDLED_TEMPLATES, 'manifest.json'),
    ).kitPackages;
    for (const [dep, range] of Object.entries(dependencies(templatePkg))) {
      if (range.startsWith('workspace:')) expect(deps[dep]).toBe(`^${kit[dep]}`);
      else expect(deps[dep]).toBe(range);
    }
    expect(deps['@kit/auth-core']).toBe(`^${VERSION}`);
    expect(pkg).not.toHaveProperty('overrides');
    expect(existsSync(join(project, '.kit-packages'))).toBe(false);

    // Plain scripts: no monorepo report flags, no VAR=value prefix (Windows shells refuse it).
    const scripts = pkg.scripts as Record<string, string>;
    expect(scripts.test).toBe('vitest run');
    for (const command of Object.values(scripts)) {
      expect(command).not.toMatch(/--reporter|--outputFile|reports\/|^[A-Z_]+=/);
    }

    // _gitignore renamed, and it keeps .env out of git.
    expect(existsSync(join(project, '_gitignore'))).toBe(false);
    const gitignore = readFileSync(join(project, '.gitignore'), 'utf8').split('\n');
    expect(gitignore).toContain('.env');

    // .env for the mock: no app id, no secret, the template's redirect URI, owner-only.
    const env = readFileSync(join(project, '.env'), 'utf8');
    expect(env).not.toMatch(/^PINTEREST_APP_ID=/m);
    expect(env).not.toMatch(/^PINTEREST_APP_SECRET=/m);
    expect(env).toMatch(new RegExp(`^PINTEREST_REDIRECT_URI=${REDIRECT_URIS[template]}$`, 'm'));
    expect(env).toMatch(/^PINTEREST_SCOPES=user_accounts:read,boards:read,pins:read$/m);
    expect(fileMode(join(project, '.env'))).toBe(0o600);
    expect(readFileSync(join(project, '.env.example'), 'utf8')).toMatch(/PINTEREST_APP_ID/);

    // Next steps: the mock, npm words, where to register the redirect URI.
    expect(result.stdout).toContain('cd my-app\n  npm install\n  npm run dev');
    expect(result.stdout).toContain('embedded Pinterest mock');
    expect(result.stdout).toContain(REDIRECT_URIS[template]);
    expect(result.stdout).toContain('My apps → your app → Configure → Redirect URIs');
  });
});

describe('scaffolded content', () => {
  it('files copied byte for byte from the bundled template (package.json aside)', async () => {
    const result = await runCli(['app', '-t', 'fastify', '--mock', '-y', '--no-install', '--no-git'], {
      cwd,
    });
    expect(result.code).toBe(0);
    for (const file of listFiles(join(BUNDLED_TEMPLATES, 'fastify'))) {
      if (file === 'package.json' || file === '_gitignore') continue;
      expect(readFileSync(join(cwd, 'app', file)), file).toEqual(
        readFileSync(join(BUNDLED_TEMPLATES, 'fastify', file)),
      );
    }
  });

  it('never copies build output, installs, local env files or token folders', async () => {
    const result = await runCli(['app', '-t', 'react-spa', '--mock', '-y', '--no-install', '--no-git'], {
      cwd,
    });
    expect(result.code).toBe(0);
    for (const file of listFiles(join(cwd, 'app'))) {
      expect(file).not.toMatch(/(^|\/)(node_modules|dist|reports|\.turbo|\.pinterest-tokens[^/]*)\//);
      expect(file).not.toMatch(/(^|\/)\.env\.(?!example$)/);
    }
  });

  it('--app-id, --redirect-uri and --scopes go into .env; scopes are de-duplicated', async () => {
    const result = await runCli(
      [
        'real',
        '-t',
        'fastify',
        '--app-id',
        '1234567',
        '--redirect-uri',
        'https://example.com/auth/callback',
        '--scopes',
        'boards:read, pins:read boards:read,user_accounts:read',
        '-y',
        '--no-install',
        '--no-git',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const env = readFileSync(join(cwd, 'real', '.env'), 'utf8');
    expect(env).toMatch(/^PINTEREST_APP_ID=1234567$/m);
    expect(env).toMatch(/^PINTEREST_APP_SECRET=$/m);
    expect(env).toMatch(/^PINTEREST_REDIRECT_URI=https:\/\/example\.com\/auth\/callback$/m);
    expect(env).toMatch(/^PINTEREST_SCOPES=boards:read,pins:read,user_accounts:read$/m);
    // No secret yet: the user is told where to put it.
    expect(result.output).toContain('PINTEREST_APP_SECRET');
    expect(result.stdout).toContain('https://example.com/auth/callback');
  });

  it('without --app-id and without a TTY, the default is the mock, and it says so', async () => {
    const result = await runCli(['app', '--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No --app-id given: configured for the embedded Pinterest mock');
    // default template: fastify
    expect(readJson<Pkg>(join(cwd, 'app', 'package.json')).dependencies).toHaveProperty('fastify');
    expect(readFileSync(join(cwd, 'app', '.env'), 'utf8')).toContain('http://localhost:3000/auth/callback');
  });

  it('without a folder and without a TTY, the default folder is pinterest-app', async () => {
    const result = await runCli(['--mock', '--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(readJson<Pkg>(join(cwd, 'pinterest-app', 'package.json')).name).toBe('pinterest-app');
  });

  it('CI=true disables prompts even with --yes absent (no hang)', async () => {
    const result = await runCli(['ci-app', '--mock', '--no-install', '--no-git'], {
      cwd,
      env: baseEnv({ CI: 'true' }),
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'ci-app', 'package.json'))).toBe(true);
  });
});
