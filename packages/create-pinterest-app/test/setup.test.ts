import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, listFiles, makeTempDir, removeDir, runCli, snapshot } from './helpers.js';

let cwd: string;
beforeEach(() => {
  cwd = makeTempDir();
});
afterEach(() => removeDir(cwd));

const git = (dir: string, ...args: string[]) =>
  spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: baseEnv() });

describe('package-manager-specific next steps', () => {
  const cases = [
    {
      agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      install: 'npm install',
      dev: 'npm run dev',
    },
    { agent: 'pnpm/12.4.2 npm/? node/v20.20.2 linux x64', install: 'pnpm install', dev: 'pnpm dev' },
    { agent: 'yarn/4.9.1 npm/? node/v20.20.2 linux x64', install: 'yarn', dev: 'yarn dev' },
    { agent: 'bun/1.3.0 npm/? node/v20.20.2 linux x64', install: 'bun install', dev: 'bun run dev' },
    { agent: undefined, install: 'npm install', dev: 'npm run dev' },
  ];
  for (const { agent, install, dev } of cases) {
    it(`user agent ${agent?.split(' ')[0] ?? '(none)'} → "${install}" then "${dev}"`, async () => {
      const result = await runCli(['app', '--mock', '--yes', '--no-install', '--no-git'], {
        cwd,
        env: baseEnv({ npm_config_user_agent: agent }),
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Next steps:\n  cd app\n  ${install}\n  ${dev}\n`);
    });
  }

  it('--pm wins over the detected package manager', async () => {
    const result = await runCli(['app', '--pm', 'yarn', '--mock', '--yes', '--no-install', '--no-git'], {
      cwd,
      env: baseEnv({ npm_config_user_agent: 'pnpm/12.4.2 npm/? node/v20.20.2 linux x64' }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  cd app\n  yarn\n  yarn dev\n');
  });

  it('the script template is run with its own dev script, and its loopback redirect URI is shown', async () => {
    const result = await runCli(['cli', '-t', 'script', '--mock', '--yes', '--no-install', '--no-git'], {
      cwd,
      env: baseEnv({ npm_config_user_agent: 'pnpm/12.4.2 npm/? node/v20.20.2 linux x64' }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pnpm dev');
    expect(result.stdout).toContain('http://localhost:8085/');
    expect(result.stdout).toContain(
      "Then your browser opens the mock's consent page: click Allow, and the command prints your account.\n",
    );
  });
});

describe('pnpm', () => {
  const PNPM = 'pnpm/12.4.2 npm/? node/v20.20.2 linux x64';

  it("a pnpm project approves esbuild's build script (pnpm 11+ fails the install otherwise)", async () => {
    const result = await runCli(['app', '--mock', '--yes', '--no-install', '--no-git'], {
      cwd,
      env: baseEnv({ npm_config_user_agent: PNPM }),
    });
    expect(result.code).toBe(0);
    const yaml = readFileSync(join(cwd, 'app', 'pnpm-workspace.yaml'), 'utf8');
    expect(yaml).toContain('allowBuilds:\n  esbuild: true');
    expect(yaml).toContain('onlyBuiltDependencies:\n  - esbuild');
  });

  it('npm projects get no pnpm-workspace.yaml', async () => {
    const result = await runCli(['app', '--mock', '--yes', '--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'app', 'pnpm-workspace.yaml'))).toBe(false);
  });

  it('inside an existing pnpm workspace: no nested workspace file, and a pointer to the enclosing one', async () => {
    writeFileSync(join(cwd, 'pnpm-workspace.yaml'), 'packages:\n  - apps/*\n');
    const result = await runCli(['apps/app', '--mock', '--yes', '--no-install', '--no-git', '--pm', 'pnpm'], {
      cwd,
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'apps', 'app', 'pnpm-workspace.yaml'))).toBe(false);
    expect(result.stdout).toContain(`Inside the pnpm workspace ${join(cwd, 'pnpm-workspace.yaml')}`);
  });
});

describe('S3: the app secret goes only to .env', () => {
  const CANARY = 'canary-secret-7f3a9c';

  it('PINTEREST_APP_SECRET → .env only: not in output, .env.example or the git history; a fingerprint is shown', async () => {
    const result = await runCli(['app', '--app-id', '1234567', '--yes', '--no-install', '--git'], {
      cwd,
      env: baseEnv({ PINTEREST_APP_SECRET: CANARY }),
    });
    expect(result.code).toBe(0);
    const project = join(cwd, 'app');
    expect(readFileSync(join(project, '.env'), 'utf8')).toMatch(
      new RegExp(`^PINTEREST_APP_SECRET=${CANARY}$`, 'm'),
    );
    expect(result.output).not.toContain(CANARY);
    expect(result.stdout).toMatch(/fingerprint [0-9a-f]{8}/);
    for (const file of listFiles(project)) {
      if (file === '.env' || file.startsWith('.git/')) continue;
      expect(readFileSync(join(project, file), 'utf8'), file).not.toContain(CANARY);
    }
    // Committed, with .env ignored: the secret is in no git object.
    expect(git(project, 'log', '--oneline').stdout).toContain('Initial commit from create-pinterest-app');
    expect(git(project, 'ls-files').stdout.split('\n')).not.toContain('.env');
    expect(git(project, 'ls-files').stdout.split('\n')).toContain('.env.example');
    expect(git(project, 'status', '--porcelain').stdout).toBe('');
    const grep = git(project, 'grep', '-I', CANARY, 'HEAD');
    expect(grep.status).toBe(1); // 1 = no match
  });

  for (const secret of ['a "b" c\\d #x', `it's "quoted"`, 'plain-but-with space']) {
    it(`the secret ${JSON.stringify(secret)} is written so Node's .env parser reads it back unchanged`, async () => {
      const result = await runCli(['app', '--app-id', '1', '--yes', '--no-install', '--no-git'], {
        cwd,
        env: baseEnv({ PINTEREST_APP_SECRET: secret }),
      });
      expect(result.code).toBe(0);
      const read = spawnSync(
        process.execPath,
        [
          '-e',
          `process.loadEnvFile(${JSON.stringify(join(cwd, 'app', '.env'))}); process.stdout.write(process.env.PINTEREST_APP_SECRET)`,
        ],
        { encoding: 'utf8', env: baseEnv() },
      );
      expect(read.stdout).toBe(secret);
      expect(result.output).not.toContain(secret);
    });
  }
});

describe('git', () => {
  it('--git outside a work tree: a repository with one commit', async () => {
    const result = await runCli(['app', '--mock', '--yes', '--no-install', '--git'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Initialised a git repository with a first commit.');
    expect(git(join(cwd, 'app'), 'rev-list', '--count', 'HEAD').stdout.trim()).toBe('1');
  });

  /** The commit is exactly what `git add --all` + `git commit` would make, and git finds nothing amiss. */
  function expectSoundFirstCommit(app: string, author: string): void {
    expect(git(app, 'rev-list', '--count', 'HEAD').stdout.trim()).toBe('1');
    expect(git(app, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%s').stdout.trim()).toBe(
      `${author}|${author}|Initial commit from create-pinterest-app`,
    );
    const fsck = git(app, 'fsck', '--strict', '--no-progress');
    expect(fsck.status, fsck.stderr).toBe(0);
    expect(git(app, 'status', '--porcelain', '--untracked-files=all').stdout).toBe('');
    const index = join(cwd, 'fresh-index');
    const fresh = spawnSync('git', ['add', '--all'], { cwd: app, env: baseEnv({ GIT_INDEX_FILE: index }) });
    expect(fresh.status).toBe(0);
    const tree = spawnSync('git', ['write-tree'], {
      cwd: app,
      env: baseEnv({ GIT_INDEX_FILE: index }),
      encoding: 'utf8',
    });
    expect(tree.stdout.trim()).toBe(git(app, 'rev-parse', 'HEAD^{tree}').stdout.trim());
    expect(git(app, 'ls-files').stdout.split('\n')).not.toContain('.env');
  }

  it.each(['fastify', 'react-spa', 'script'])(
    '%s: the first commit holds what git add would, and git checks it clean',
    async (template) => {
      const result = await runCli(['app', '-t', template, '--mock', '--yes', '--no-install'], { cwd });
      expect(result.code, result.output).toBe(0);
      expectSoundFirstCommit(join(cwd, 'app'), 'Test User <test@example.com>');
    },
  );

  it.each([
    {
      what: 'the identity comes from ~/.gitconfig as git would take it',
      files: (): Record<string, string> => ({
        '.gitconfig':
          '[user]\n\tname = "Ada Lovelace" ; the first programmer\n\temail = ada@example.com\n[core]\n\teditor = vi\n',
      }),
      author: 'Ada Lovelace <ada@example.com>',
    },
    {
      what: 'a config this CLI does not read itself (includeIf) leaves the commit to git, same result',
      files: (home: string) => ({
        'work.gitconfig': '[user]\n\tname = Grace Hopper\n\temail = grace@example.com\n',
        '.gitconfig': `[includeIf "gitdir:/"]\n\tpath = ${join(home, 'work.gitconfig')}\n`,
      }),
      author: 'Grace Hopper <grace@example.com>',
    },
    {
      what: 'with init.defaultBranch configured, the repository is made on that branch, as git init makes it',
      files: (): Record<string, string> => ({
        '.gitconfig':
          '[user]\n\tname = Alan Turing\n\temail = alan@example.com\n[init]\n\tdefaultBranch = trunk\n',
      }),
      author: 'Alan Turing <alan@example.com>',
      branch: 'trunk',
    },
  ])('$what', async ({ files, author, branch }) => {
    const home = join(cwd, 'home');
    mkdirSync(home);
    for (const [name, content] of Object.entries(files(home))) writeFileSync(join(home, name), content);
    const result = await runCli(['app', '--mock', '--yes', '--no-install'], {
      cwd,
      env: baseEnv({
        HOME: home,
        XDG_CONFIG_HOME: home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: undefined,
        GIT_AUTHOR_EMAIL: undefined,
        GIT_COMMITTER_NAME: undefined,
        GIT_COMMITTER_EMAIL: undefined,
      }),
    });
    expect(result.code, result.output).toBe(0);
    expectSoundFirstCommit(join(cwd, 'app'), author);
    if (branch !== undefined) {
      // Whether git or this CLI wrote it: the same files as `git init` beside it, on the configured branch.
      const env = baseEnv({ HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1' });
      const reference = join(cwd, 'reference');
      expect(spawnSync('git', ['init', '--quiet', '--template=', reference], { env }).status).toBe(0);
      const app = join(cwd, 'app');
      expect(git(app, 'symbolic-ref', 'HEAD').stdout.trim()).toBe(`refs/heads/${branch}`);
      for (const file of ['HEAD', 'config'])
        expect(readFileSync(join(app, '.git', file), 'utf8')).toBe(
          readFileSync(join(reference, '.git', file), 'utf8'),
        );
      const folders = (root: string) =>
        [...snapshot(join(root, '.git')).keys()].filter(
          (path) => !/^(objects\/pack\/|refs\/heads\/|index$)/.test(path),
        );
      expect(folders(app)).toEqual(folders(reference));
    }
  });

  it('git is the default with --yes', async () => {
    const result = await runCli(['app', '--mock', '--yes', '--no-install'], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'app', '.git'))).toBe(true);
  });

  it('inside an existing work tree: no nested repository', async () => {
    git(cwd, 'init', '--quiet');
    mkdirSync(join(cwd, 'packages'));
    const result = await runCli(['packages/app', '--mock', '--yes', '--no-install', '--git'], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'packages', 'app', '.git'))).toBe(false);
    expect(existsSync(join(cwd, 'packages', 'app', 'package.json'))).toBe(true);
  });

  it('a failing commit (no git identity) leaves no half-made repository and says why', async () => {
    const home = join(cwd, 'home');
    mkdirSync(home);
    const result = await runCli(['app', '--mock', '--yes', '--no-install', '--git'], {
      cwd,
      env: baseEnv({
        HOME: home,
        XDG_CONFIG_HOME: home,
        GIT_CONFIG_NOSYSTEM: '1',
        // No guessing an identity from the host name either: the commit must fail on every machine.
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'user.useConfigOnly',
        GIT_CONFIG_VALUE_0: 'true',
        GIT_AUTHOR_NAME: undefined,
        GIT_AUTHOR_EMAIL: undefined,
        GIT_COMMITTER_NAME: undefined,
        GIT_COMMITTER_EMAIL: undefined,
        EMAIL: undefined,
      }),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Skipped git:');
    expect(readdirSync(join(cwd, 'app'))).not.toContain('.git');
  });

  it('--no-git: no repository', async () => {
    const result = await runCli(['app', '--mock', '--yes', '--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'app', '.git'))).toBe(false);
  });
});
