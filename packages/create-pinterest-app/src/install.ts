import { spawn } from 'node:child_process';
import { installCommand, type PackageManager } from './package-manager.js';

/**
 * Runs the package manager's install in `cwd`, its output streamed to ours. No shell on POSIX (arguments
 * are fixed, nothing user-typed reaches a command line); Windows needs one to find `npm.cmd` & co.
 * Resolves with the exit code (or 1 when it could not start).
 */
export function installDependencies(pm: PackageManager, cwd: string): Promise<number> {
  const [command, ...args] = installCommand(pm);
  return new Promise((resolve) => {
    const child = spawn(command ?? pm, args, {
      cwd,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.once('error', (error) => {
      process.stderr.write(`Could not start ${pm}: ${error.message}\n`);
      resolve(1);
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}
