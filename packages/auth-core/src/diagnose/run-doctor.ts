/**
 * {@link runDoctor}: the command-line face of {@link diagnose}, shared by every template's `npm run doctor`.
 *
 * @module
 */
import { diagnose } from './diagnose.js';
import { formatReport, reportJson, shouldColor } from './format.js';
import type { DiagnoseOptions } from './types.js';

/** Options of {@link runDoctor}: what to diagnose, plus the command line and where to print. */
export interface RunDoctorOptions extends DiagnoseOptions {
  /** Command-line arguments (default `process.argv.slice(2)`): `--json`, `--help`. */
  argv?: string[];
  /** Where the report goes (default: standard output). */
  write?: (text: string) => void;
  /** Whether the output is a terminal (default: `process.stdout.isTTY`); colours need it. */
  isTTY?: boolean;
  /** Prefix of the docs links (see {@link FormatOptions.docsUrl}). */
  docsUrl?: string;
  /** How the command is called, for `--help` (default `npm run doctor`). */
  command?: string;
}

const HELP = (command: string) => `Usage: ${command} [-- --json]

Checks this app's Pinterest setup before the first login fails: configuration, redirect URI, Pinterest's hosts
and the clock, App ID and secret, the token store, each stored account's tokens and scopes, one live API call,
and the access tier. Prints ✔ / ! / ✖ with a one-sentence fix for each problem; never prints a secret or token.

Options:
  --json    print the report as JSON (for CI)
  --help    show this help

Exit status: 0 when nothing failed (warnings allowed), 1 when a check failed, 2 on bad arguments.
`;

/**
 * Parse the arguments, run {@link diagnose}, print the checklist (or JSON) and return the exit status: 0 when
 * nothing failed, 1 when a check failed, 2 for bad arguments.
 */
export async function runDoctor(options: RunDoctorOptions = {}): Promise<number> {
  const {
    argv = process.argv.slice(2),
    write = (text) => process.stdout.write(text),
    command = 'npm run doctor',
  } = options;
  let json = false;
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      write(HELP(command));
      return 0;
    } else {
      write(`Unknown option ${arg}: use --json or --help.\n`);
      return 2;
    }
  }
  const report = await diagnose(options);
  const env = options.env ?? process.env;
  write(
    json
      ? reportJson(report)
      : formatReport(report, {
          color: shouldColor({ isTTY: options.isTTY ?? process.stdout.isTTY }, env),
          ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}),
        }),
  );
  return report.ok ? 0 : 1;
}
