/**
 * Servers under measurement run in their own Node process, so they never share an event loop with the load
 * generator or the code being measured. A server script prints one JSON line (its URL and whatever else the
 * suite needs) once it listens.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The bench package's folder: scripts run there resolve `@kit/*` from its dependencies. */
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The Pinterest mock with rate limits off (a benchmark would hit them) and consent auto-approved as alice. */
export const MOCK_SERVER = `
import { startPinterestMock } from '@kit/pinterest-mock';
const mock = await startPinterestMock({ autoApprove: 'alice', rateLimits: false });
process.stdout.write(JSON.stringify({ url: mock.url }) + '\\n');
`;

/** Starts `script` (ESM source) in its own Node process and resolves with the first JSON line it prints. */
export function startServerProcess<T>(
  script: string,
  options: { cwd?: string; tsx?: boolean } = {},
): Promise<{ info: T; child: ChildProcess }> {
  const args = [...(options.tsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', script];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? BENCH_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ info: JSON.parse(line) as T, child });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code}): ${output}`)));
  });
}
