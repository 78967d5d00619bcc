import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A child process running a TypeScript fixture (through tsx), with its stdout split into lines. */
export interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  /** Resolves with the first line (from `from` on) matching `predicate`. */
  waitForLine(predicate: (line: string) => boolean, from?: number): Promise<string>;
  exited: Promise<void>;
}

export function startFixture(name: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', `test/fixtures/${name}.ts`], {
    cwd: PACKAGE_DIR,
    // Only what the fixture needs: nothing of the caller's environment (colour, CI, locale, Pinterest settings).
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    process: child,
    lines,
    exited,
    waitForLine(predicate, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.slice(from).find(predicate);
          if (found !== undefined) {
            waiters.delete(check);
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(
              new Error(`fixture ${name} exited before the expected line; stderr: ${stderr.slice(-2000)}`),
            );
          }
        };
        waiters.add(check);
        child.on('exit', check);
        check();
      });
    },
  };
}
