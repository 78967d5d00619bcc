// The checkout's scaffolder, shared by `npm run demo` and `npm run create-app`: where its built CLI is, and
// how to build it (turbo also builds, through ^build, every kit package it packs into new apps).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../packages/create-pinterest-app/dist/cli.js', import.meta.url));
const MANIFEST = fileURLToPath(
  new URL('../../packages/create-pinterest-app/templates/manifest.json', import.meta.url),
);

/**
 * Builds create-pinterest-app and the kit packages with turbo (cached after the first run).
 * @param {{ run: (cmd: string, args: string[], options?: { explain?: (output: string) => string, quiet?: boolean }) => Promise<string> }} runner
 *   runs a command and stops the caller with `explain(output)` when it fails
 */
export async function buildScaffolder({ run }) {
  await run(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=create-pinterest-app', '--output-logs=errors-only'],
    {
      explain: (output) =>
        /command not found|ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL|turbo: not found/i.test(output)
          ? 'The workspace is not installed: run `node scripts/setup.mjs --no-system` (or `pnpm install`) first.'
          : 'The build failed: its errors are above.',
    },
  );
  for (const file of [CLI, MANIFEST]) {
    if (!existsSync(file)) throw new Error(`${file} is missing after the build.`);
  }
}
