#!/usr/bin/env node
// `npm run create-app -- <dir> [flags]`: create-pinterest-app from this checkout, before the kit is on npm.
// Builds the scaffolder and the kit packages, then runs the scaffolder with your arguments in the folder
// you ran the command from. Run from a checkout, it packs the kit packages the template needs into
// <dir>/.kit-packages/ and points the app's package.json at them, so the app installs anywhere.
// After the first release, `npm create pinterest-app@latest <dir>` does the same without a clone.
import { spawn } from 'node:child_process';
import { buildScaffolder, CLI } from './lib/scaffolder.mjs';

// npm and pnpm run scripts at the repository root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD || process.cwd();

function run(cmd, args, { explain } = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.once('error', (error) => {
      process.stderr.write(
        error.code === 'ENOENT'
          ? `create-app: ${cmd} is not installed. Run \`node scripts/setup.mjs --no-system\` (it installs pnpm).\n`
          : `create-app: could not start ${cmd}: ${error.message}\n`,
      );
      process.exit(1);
    });
    child.once('close', (code) => {
      if (code === 0) return resolve(output);
      process.stderr.write(`create-app: \`${cmd} ${args.join(' ')}\` failed. ${explain?.(output) ?? ''}\n`);
      process.exit(1);
    });
  });
}

process.stdout.write('create-app: building create-pinterest-app and the kit packages (turbo, cached)…\n');
await buildScaffolder({ run });
// The scaffolder's prompts need the terminal: it inherits stdin/stdout/stderr and decides the rest.
const child = spawn(process.execPath, [CLI, ...process.argv.slice(2)], { cwd, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {}); // the child handles Ctrl-C
child.once('close', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
