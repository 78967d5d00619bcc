import { type ChildProcess, spawn } from 'node:child_process';
import { CLI } from './helpers.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what is stripped.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\r/g;

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  down: '\u001b[B',
  right: '\u001b[C',
  space: ' ',
  ctrlC: '\u0003',
} as const;

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The built CLI in a real pseudo-terminal, through util-linux `script` (in every Debian install): stdin and
 * stdout are a TTY for the CLI, exactly as in a user's terminal. Keys are written, the screen is read back
 * without escape sequences.
 */
export class PtySession {
  private raw = '';
  private cursor = 0;
  private readonly child: ChildProcess;
  /** Resolves with the CLI's exit code (script -e passes it through). */
  readonly exited: Promise<number | null>;

  constructor(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    const command = `stty cols 120 rows 50; exec ${[process.execPath, CLI, ...args].map(shellQuote).join(' ')}`;
    this.child = spawn('script', ['--quiet', '--return', '--flush', '--command', command, '/dev/null'], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
  }

  /** Everything shown so far, escape sequences removed. */
  get text(): string {
    return this.raw.replace(ANSI, '');
  }

  /** Everything written to the terminal, escape sequences included. */
  get rawOutput(): string {
    return this.raw;
  }

  /**
   * Waits until `pattern` appears on screen after the previous match, and moves past it (so a prompt's
   * title is not found again in an earlier, answered prompt).
   */
  async waitFor(pattern: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.text.indexOf(pattern, this.cursor);
      if (index >= 0) {
        this.cursor = index + pattern.length;
        return;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`"${pattern}" did not appear. Screen so far:\n${this.text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Types keys, then lets the prompt redraw. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.child.stdin?.write(key);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
