/** Builds the SPA with Vite into a temporary folder, as `npm run build` would, with a chosen environment. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `vite build --outDir <tmp>` in the template folder; resolves with the output folder and the log. */
export async function buildSpa(
  extraEnv: Record<string, string> = {},
): Promise<{ outDir: string; output: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'react-spa-dist-'));
  const require = createRequire(join(TEMPLATE_ROOT, 'package.json'));
  const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir'], {
      cwd: TEMPLATE_ROOT,
      // Only PATH from the caller, so a VITE_ variable of the caller's shell cannot end up in the bundle.
      env: { PATH: process.env.PATH ?? '', ...extraEnv, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ outDir, output });
      else reject(new Error(`vite build exited with ${code}:\n${output}`));
    });
  });
}
