/**
 * The doctor's output: a ✔ / ! / ✖ checklist for people (colour only when asked, see {@link shouldColor}) and
 * JSON for CI. Both carry only what the checks returned, which never includes a secret.
 *
 * @module
 */
import type { CheckStatus, DiagnoseReport } from './types.js';

/** Options of {@link formatReport}. */
export interface FormatOptions {
  /** ANSI colours (default false). */
  color?: boolean;
  /** Prefix of docs paths, e.g. `https://docs.example.com` (default: print the path on the kit's docs site). */
  docsUrl?: string;
}

const SYMBOL: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✖', skip: '–' };
const COLOR: Record<CheckStatus, string> = { pass: '32', warn: '33', fail: '31', skip: '90' };

/** Colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org). */
export function shouldColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

/** The report as a checklist, one check a line, with the fix and the docs link under each warning and failure. */
export function formatReport(report: DiagnoseReport, options: FormatOptions = {}): string {
  const paint = (status: CheckStatus, text: string) =>
    options.color ? `\u001b[${COLOR[status]}m${text}\u001b[39m` : text;
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text);
  const docs = (path: string) =>
    options.docsUrl ? `${options.docsUrl.replace(/\/$/, '')}${path}` : `docs ${path}`;
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(`${paint(check.status, SYMBOL[check.status])} ${check.title}: ${check.summary}`);
    if (check.fix && (check.status === 'warn' || check.status === 'fail')) {
      lines.push(`    ${paint(check.status, '→')} ${check.fix}`);
    }
    for (const detail of check.details ?? []) lines.push(dim(`    ${detail}`));
    if (check.docs && (check.status === 'warn' || check.status === 'fail'))
      lines.push(dim(`    ${docs(check.docs)}`));
  }
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const tally = `${count('pass')} passed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed${count('skip') ? `, ${count('skip')} not run` : ''}`;
  lines.push('', report.ok ? paint('pass', `Ready: ${tally}.`) : paint('fail', `Not ready: ${tally}.`));
  return `${lines.join('\n')}\n`;
}

/** The report as JSON (for CI): `{ ok, checks: [{ id, title, status, summary, fix?, docs?, details? }] }`. */
export function reportJson(report: DiagnoseReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
