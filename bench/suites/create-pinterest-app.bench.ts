/**
 * create-pinterest-app: wall time of a non-interactive scaffold, with `--no-git` and with the default git
 * step (git init + first commit), beside create-vite and a bare `node -e 0`, measured in one run,
 * interleaved, median of several rounds. git is set up as its first-run hint asks (`init.defaultBranch`),
 * so the scaffolder writes the repository itself; a last row shows the same without that setting, where
 * it runs `git init`. Then the published package's packed size and runtime dependency count beside
 * create-vite's. create-pinterest-app runs from its packed tarball, extracted outside the
 * repository (what `npm create` runs; the checkout's own copy would pack the kit into every app).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { percentile, printTable, type Row } from '../lib/report.js';

const require = createRequire(import.meta.url);
const ROUNDS = 15;

interface PackageInfo {
  dir: string;
  bin: string;
  manifest: { version: string; dependencies?: Record<string, string> };
}

function locate(name: string, binName: string): PackageInfo {
  const pkgPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    version: string;
    bin: Record<string, string>;
    dependencies?: Record<string, string>;
  };
  const dir = dirname(pkgPath);
  return { dir, bin: join(dir, manifest.bin[binName] ?? ''), manifest };
}

/** Wall time of one process, from spawn to exit, in ms; fails loudly if the command fails. */
function timeOnce(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return ms;
}

/**
 * `npm pack --dry-run` figures: of a folder, or of a published `name@version` (create-vite's installed copy
 * under pnpm packs incompletely, so its registry tarball is measured instead).
 */
function packedSize(dir: string, spec?: string): { size: number; unpackedSize: number; files: number } {
  const result = spawnSync(
    'npm',
    ['pack', ...(spec ? [spec] : []), '--dry-run', '--json', '--ignore-scripts'],
    {
      cwd: spec ? tmpdir() : dir,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false' },
    },
  );
  if (result.status !== 0) throw new Error(`npm pack --dry-run in ${dir} failed:\n${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as Array<{
    size: number;
    unpackedSize: number;
    entryCount: number;
  }>;
  if (!report) throw new Error(`npm pack --dry-run in ${dir} printed no report`);
  return { size: report.size, unpackedSize: report.unpackedSize, files: report.entryCount };
}

/** `npm pack`s the package at `dir` into `work` and extracts it: returns the extracted package's folder. */
function packAndExtract(dir: string, work: string): string {
  const pack = spawnSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (pack.status !== 0) throw new Error(`npm pack in ${dir} failed:\n${pack.stderr}`);
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack in ${dir} wrote no tarball`);
  const extracted = join(work, 'installed');
  mkdirSync(extracted);
  const untar = spawnSync('tar', ['-xzf', join(work, tarball), '-C', extracted]);
  if (untar.status !== 0) throw new Error(`tar -xzf ${tarball} failed:\n${untar.stderr}`);
  return join(extracted, 'package');
}

export async function run(): Promise<void> {
  const cpa = locate('create-pinterest-app', 'create-pinterest-app');
  const vite = locate('create-vite', 'create-vite');
  const published = mkdtempSync(join(tmpdir(), 'cpa-bench-published-'));
  const cpaBin = join(packAndExtract(cpa.dir, published), 'dist', 'cli.js');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  delete env.npm_config_user_agent;
  // Only this file's git settings: the machine's own config stays out of the measurement.
  const gitConfig = join(published, 'gitconfig');
  writeFileSync(gitConfig, '[init]\n\tdefaultBranch = main\n');
  Object.assign(env, { GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1' });
  const noDefaultBranch = join(published, 'gitconfig-empty');
  writeFileSync(noDefaultBranch, '');

  const commands: Array<{ name: string; args: (n: number) => string[]; env?: NodeJS.ProcessEnv }> = [
    { name: 'node -e 0', args: () => ['-e', '0'] },
    {
      name: 'create-vite x --template react-ts',
      args: (n) => [vite.bin, `vite-${n}`, '--template', 'react-ts'],
    },
    {
      name: 'create-pinterest-app x --template fastify --yes --no-install',
      args: (n) => [cpaBin, `cpa-${n}`, '--template', 'fastify', '--yes', '--no-install'],
    },
    {
      name: 'create-pinterest-app … --no-git',
      args: (n) => [cpaBin, `cpa-nogit-${n}`, '--template', 'fastify', '--yes', '--no-install', '--no-git'],
    },
    {
      name: 'create-pinterest-app … (git, no init.defaultBranch)',
      args: (n) => [cpaBin, `cpa-gitinit-${n}`, '--template', 'fastify', '--yes', '--no-install'],
      env: { ...env, GIT_CONFIG_GLOBAL: noDefaultBranch },
    },
  ];

  // Outside any git work tree, so create-pinterest-app really runs git init + commit.
  const cwd = mkdtempSync(join(tmpdir(), 'cpa-bench-'));
  const samples = new Map(commands.map((c) => [c.name, [] as number[]]));
  try {
    for (const command of commands) timeOnce(command.args(-1), cwd, command.env ?? env); // warm the file cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const command of commands)
        samples.get(command.name)?.push(timeOnce(command.args(round), cwd, command.env ?? env));
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
    rmSync(published, { recursive: true, force: true });
  }

  const median = (name: string) => percentile(samples.get(name) ?? [], 50);
  const rows: Row[] = [
    {
      name: 'node -e 0',
      value: median('node -e 0'),
      unit: 'ms',
      higherIsBetter: false,
      note: `median of ${ROUNDS}`,
    },
    {
      name: 'create-vite x --template react-ts',
      value: median('create-vite x --template react-ts'),
      unit: 'ms',
      baseline: 'node -e 0',
      higherIsBetter: false,
      note: `create-vite ${vite.manifest.version}`,
    },
    {
      name: 'create-pinterest-app x --template fastify --yes --no-install',
      value: median('create-pinterest-app x --template fastify --yes --no-install'),
      unit: 'ms',
      baseline: 'create-vite x --template react-ts',
      higherIsBetter: false,
      note: 'includes git init + first commit (init.defaultBranch set)',
    },
    {
      name: 'create-pinterest-app (same, vs node)',
      value: median('create-pinterest-app x --template fastify --yes --no-install'),
      unit: 'ms',
      baseline: 'node -e 0',
      higherIsBetter: false,
    },
    {
      name: 'create-pinterest-app … --no-git',
      value: median('create-pinterest-app … --no-git'),
      unit: 'ms',
      baseline: 'create-vite x --template react-ts',
      higherIsBetter: false,
      note: 'copy + rewrite + .env only',
    },
    {
      name: 'create-pinterest-app … (git, no init.defaultBranch)',
      value: median('create-pinterest-app … (git, no init.defaultBranch)'),
      unit: 'ms',
      baseline: 'create-vite x --template react-ts',
      higherIsBetter: false,
      note: 'runs git init (its default branch is not certain)',
    },
  ];
  printTable('create-pinterest-app: scaffold wall time (p50)', rows);

  const cpaPack = packedSize(cpa.dir);
  const vitePack = packedSize(vite.dir, `create-vite@${vite.manifest.version}`);
  printTable('create-pinterest-app: published package', [
    {
      name: 'create-vite packed',
      value: vitePack.size / 1024,
      unit: 'kB',
      higherIsBetter: false,
      note: `${vitePack.files} files`,
    },
    {
      name: 'create-pinterest-app packed',
      value: cpaPack.size / 1024,
      unit: 'kB',
      baseline: 'create-vite packed',
      higherIsBetter: false,
      note: `${cpaPack.files} files, 3 templates, ${(cpaPack.unpackedSize / 1024).toFixed(0)} kB unpacked`,
    },
    {
      name: 'create-vite runtime dependencies',
      value: Object.keys(vite.manifest.dependencies ?? {}).length,
      unit: 'deps',
      higherIsBetter: false,
    },
    {
      name: 'create-pinterest-app runtime dependencies',
      value: Object.keys(cpa.manifest.dependencies ?? {}).length,
      unit: 'deps',
      higherIsBetter: false,
      note: '@clack/prompts bundled into dist/, loaded only to prompt',
    },
  ]);
}
