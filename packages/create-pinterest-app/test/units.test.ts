import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureGitignore, envLine } from '../src/env-file.js';
import { parseGitConfig } from '../src/git-identity.js';
import { configuredInitialBranch, writeEmptyRepository } from '../src/git-init.js';
import { compileGitignore } from '../src/gitignore.js';
import { resolveWorkspaceRange, rewritePackageJson } from '../src/package-json.js';
import { detectPackageManager } from '../src/package-manager.js';
import { packageNameProblems, toValidPackageName } from '../src/package-name.js';
import { closestMatch, editDistance } from '../src/suggest.js';
import { makeTempDir, removeDir } from './helpers.js';

describe('npm package names', () => {
  it.each(['my-app', 'my.app_2', '@scope/pkg', 'a', 'x'.repeat(214)])('%s is valid', (name) => {
    expect(packageNameProblems(name)).toEqual([]);
  });

  it.each([
    ['', 'it is empty'],
    ['My-App', 'it contains capital letters'],
    ['.hidden', 'it starts with "." or "_"'],
    ['_under', 'it starts with "." or "_"'],
    ['a b', 'it contains characters not allowed in a URL'],
    ["it's", `it contains one of ~'!()*`],
    ['node_modules', '"node_modules" is reserved'],
    ['favicon.ico', '"favicon.ico" is reserved'],
    ['http', '"http" is a Node.js core module'],
    ['a/b', 'it contains "/" (only @scope/name may)'],
    ['x'.repeat(215), 'it is longer than 214 characters'],
  ])('%j is refused: %s', (name, problem) => {
    expect(packageNameProblems(name)).toContain(problem);
  });

  it.each([
    ['My Pinterest App!', 'my-pinterest-app'],
    ['  __Leading', 'leading'],
    ['Ünïcode Näme', 'unicode-name'],
    ['fs', 'fs-app'],
    ['a~b', 'a-b'],
    ['!!!', undefined],
  ])('%j normalises to %j', (input, expected) => {
    expect(toValidPackageName(input)).toBe(expected);
  });
});

describe('did you mean', () => {
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests only plausible typos', () => {
    expect(closestMatch('--templat', ['--template', '--mock'])).toBe('--template');
    expect(closestMatch('reakt-spa', ['fastify', 'react-spa', 'script'])).toBe('react-spa');
    expect(closestMatch('--zzzzzz', ['--template', '--mock'])).toBeUndefined();
  });
});

describe('package.json rewrite', () => {
  it.each([
    ['workspace:^', '^1.2.3'],
    ['workspace:*', '^1.2.3'],
    ['workspace:~', '~1.2.3'],
    ['workspace:^1.0.0', '^1.0.0'],
  ])('%s → %s', (range, expected) => {
    expect(resolveWorkspaceRange(range, '1.2.3')).toBe(expected);
  });

  it('sets the name, pins every kit dependency to its manifest version, keeps the rest', () => {
    const out = rewritePackageJson(
      {
        name: 'template',
        scripts: { dev: 'x' },
        dependencies: { '@kit/auth-core': 'workspace:^', fastify: '5.12.8' },
        devDependencies: { vite: '8.3.8', '@kit/pinterest-mock': 'workspace:*' },
        peerDependencies: { '@kit/redis-store': 'workspace:~' },
      },
      {
        name: 'mine',
        kit: {
          versions: {
            '@kit/auth-core': '2.0.0',
            '@kit/pinterest-mock': '2.1.0',
            '@kit/redis-store': '2.2.0',
          },
        },
      },
    );
    expect(out).toEqual({
      name: 'mine',
      scripts: { dev: 'x' },
      dependencies: { '@kit/auth-core': '^2.0.0', fastify: '5.12.8' },
      devDependencies: { vite: '8.3.8', '@kit/pinterest-mock': '^2.1.0' },
      peerDependencies: { '@kit/redis-store': '~2.2.0' },
    });
  });

  it('local tarballs win, and also become overrides and resolutions (one copy of each kit package)', () => {
    const tarball = 'file:.kit-packages/kit-auth-core-2.0.0.tgz';
    const out = rewritePackageJson(
      { name: 't', dependencies: { '@kit/auth-core': 'workspace:^' } },
      {
        name: 'mine',
        kit: { versions: { '@kit/auth-core': '2.0.0' }, tarballs: { '@kit/auth-core': tarball } },
      },
    );
    expect(out.dependencies).toEqual({ '@kit/auth-core': tarball });
    expect(out.overrides).toEqual({ '@kit/auth-core': tarball });
    expect(out.resolutions).toEqual({ '@kit/auth-core': tarball });
  });

  it('a kit dependency the manifest does not pin is an error, not a guess', () => {
    expect(() =>
      rewritePackageJson(
        { dependencies: { '@kit/other': 'workspace:^' } },
        { name: 'mine', kit: { versions: {} } },
      ),
    ).toThrow(/no version for @kit\/other/);
  });
});

describe('.env lines and .gitignore', () => {
  it.each([
    ['plain-value_1.2:3,4@5+6/7', 'K=plain-value_1.2:3,4@5+6/7'],
    ['has space', "K='has space'"],
    [`it's`, "K=`it's`"],
    ['', 'K='],
  ])('%j → %s', (value, line) => {
    expect(envLine('K', value)).toBe(line);
  });

  it('refuses line breaks', () => {
    expect(() => envLine('K', 'a\nb')).toThrow(/line break/);
  });

  it('adds what is missing to keep .env and tokens out of git, once', () => {
    const once = ensureGitignore('node_modules/\n.env\n');
    expect(once.split('\n')).toEqual(
      expect.arrayContaining(['node_modules/', '.env', '.env.*', '!.env.example', '.pinterest-tokens*/']),
    );
    expect(ensureGitignore(once)).toBe(once);
    expect(ensureGitignore(undefined)).toContain('.env\n');
  });
});

describe('package manager detection', () => {
  it.each([
    ['pnpm/12.4.2 npm/? node/v20.20.2 linux x64', 'pnpm'],
    ['yarn/1.22.22 npm/? node/v20.20.2 linux x64', 'yarn'],
    ['bun/1.3.0 npm/? node/v20.20.2 linux x64', 'bun'],
    ['npm/11.19.1 node/v20.20.2 linux x64', 'npm'],
    ['cnpm/9 node/v20', 'npm'],
    [undefined, 'npm'],
  ])('%j → %s', (agent, pm) => {
    expect(detectPackageManager(agent)).toBe(pm);
  });
});

describe('the .gitignore subset the first commit reads itself', () => {
  const ignore = compileGitignore(
    'node_modules/\n# c\n.env\n.env.*\n!.env.example\n/data/\n*.log\ntokens*.json\n',
  );
  it.each([
    ['.env', false, true],
    ['.env.local', false, true],
    ['.env.example', false, false],
    ['src/.env', false, true],
    ['node_modules', true, true],
    ['node_modules/x/index.js', false, true],
    ['node_modules', false, false],
    ['data/a.json', false, true],
    ['src/data/a.json', false, false],
    ['logs/x.log', false, true],
    ['tokens-1.json', false, true],
    ['src/app.ts', false, false],
  ])('%s (folder: %s) ignored: %s', (path, isDirectory, ignored) => {
    expect(ignore?.(path, isDirectory)).toBe(ignored);
  });

  it('patterns outside the subset hand the decision back to git', () => {
    expect(compileGitignore('**/dist\n')).toBeUndefined();
    expect(compileGitignore('file[0-9].txt\n')).toBeUndefined();
  });
});

describe('git config, read only when certain', () => {
  it('reads user.name and user.email, with quotes and comments', () => {
    const config = parseGitConfig(
      '[user]\n\tname = "Ada L" # x\n\temail=ada@example.com\n[remote "origin"]\n\turl = x\n',
    );
    expect(config?.get('user.name')).toBe('Ada L');
    expect(config?.get('user.email')).toBe('ada@example.com');
  });

  it('include directives and escapes make it step aside', () => {
    expect(parseGitConfig('[include]\n\tpath = other\n')).toBeUndefined();
    expect(parseGitConfig('[includeIf "gitdir:~/work/"]\n\tpath = other\n')).toBeUndefined();
    expect(parseGitConfig('[user]\n\tname = "A \\"B\\""\n')).toBeUndefined();
  });
});

describe('git init without git', () => {
  const made: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = makeTempDir(prefix);
    made.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) removeDir(dir);
  });
  const withConfig = (config: string, extra: Record<string, string> = {}) => {
    const home = tempDir('cpa-git-home-');
    writeFileSync(join(home, '.gitconfig'), config);
    return { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', ...extra };
  };

  it.each([
    ['[init]\n\tdefaultBranch = trunk\n[core]\n\teditor = vi\n', {}, 'trunk'],
    ['[user]\n\tname = A\n', {}, undefined], // git's own default differs between git 2 and 3
    ['[init]\n\tdefaultBranch = trunk\n\tdefaultObjectFormat = sha256\n', {}, undefined],
    ['[init]\n\tdefaultBranch = trunk\n[core]\n\tsharedRepository = group\n', {}, undefined],
    ['[init]\n\tdefaultBranch = trunk\n', { GIT_DEFAULT_HASH: 'sha256' }, undefined],
    ['[init]\n\tdefaultBranch = a..b\n', {}, undefined],
    [
      '[init]\n\tdefaultBranch = trunk\n',
      { GIT_SSL_CAINFO: '/ca.crt', GIT_PS1_SHOWDIRTYSTATE: '1' },
      'trunk',
    ],
    ['[init]\n\tdefaultBranch = trunk\n', { GIT_TEMPLATE_DIR: '/t' }, undefined],
  ])('%j with %j → %s', (config, extra, branch) => {
    expect(configuredInitialBranch(withConfig(config, extra))).toBe(
      process.platform === 'linux' ? branch : undefined,
    );
  });

  it('writes the empty repository once, and steps aside where .git exists', () => {
    const dir = tempDir('cpa-git-init-');
    expect(writeEmptyRepository(dir, 'trunk')).toBe(true);
    expect(readFileSync(join(dir, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/trunk\n');
    expect(writeEmptyRepository(dir, 'other')).toBe(false);
    expect(readFileSync(join(dir, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/trunk\n');
  });
});
