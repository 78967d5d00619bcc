/** Command-line parsing: `pinterest <command> [options]`. */
import { parseArgs } from 'node:util';
import { closestScope, isPinterestScope, type PinterestScope } from '@kit/auth-core';

/** The commands. */
export const COMMANDS = ['login', 'whoami', 'boards', 'pins', 'token', 'logout', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

/** A parsed command line. */
export interface ParsedArgs {
  command: Command;
  /** `--limit N`: at most N items (default: all pages). */
  limit?: number;
  /** `--board ID` for `pins`. */
  board?: string;
  /** `--show` for `token`: print the token itself. */
  show: boolean;
  /** `--json`: machine-readable output. */
  json: boolean;
  /** `--client-credentials`: act as the app owner with an app-only token, no browser. */
  clientCredentials: boolean;
  /** `--scopes a,b` for `login`/`--client-credentials` (default: PINTEREST_SCOPES). */
  scopes?: PinterestScope[];
}

/** Bad command line; the message says what to type instead. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `Usage: pinterest <command> [options]     (npm run <command> -- [options])

Commands:
  login                 Log in through your browser (loopback redirect to PINTEREST_REDIRECT_URI)
  whoami                Show the account the token belongs to
  boards [--limit N]    List your boards (all pages, or the first N)
  pins --board ID [--limit N]
                        List the Pins on a board
  token [--show]        Show the stored token's fingerprint, expiry and scopes (--show prints the token)
  logout                Delete the stored tokens
  help                  This text

Options:
  --json                Print JSON instead of text
  --client-credentials  Use an app-only token of the app owner's account (no browser; some writes fail)
  --scopes a,b          Scopes for login / --client-credentials (default: PINTEREST_SCOPES)
  -h, --help            This text

Environment: PINTEREST_APP_ID, PINTEREST_APP_SECRET, PINTEREST_REDIRECT_URI (default http://localhost:8085/),
PINTEREST_SCOPES, PINTEREST_ENV (production|sandbox), PINTEREST_ACCESS_TOKEN (use this token, no login, no
refresh), PINTEREST_TOKEN_FILE (where tokens are kept), BROWSER (program that opens URLs; "none" = print only).
`;

/** Parses `argv` (without `node` and the script). */
export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}. Run with --help to see the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', show: false, json: false, clientCredentials: false };
  const [name, ...extra] = positionals;
  if (!name) throw new UsageError('Missing command: try `login`, `whoami` or `boards` (or --help).');
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(`Unknown command "${name}": use one of ${COMMANDS.join(', ')}.`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}" after ${name}.`);
  const command = name as Command;

  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit must be a whole number ≥ 1 (got "${values.limit}").`);
  }
  if (command === 'pins' && !values.board)
    throw new UsageError('pins needs --board <board id> (see `boards` for ids).');
  if (values.board !== undefined && !/^\d{1,32}$/.test(values.board)) {
    throw new UsageError(`--board must be a numeric board id (got "${values.board}").`);
  }
  const scopes = values.scopes
    ?.split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes?.find((s) => !isPinterestScope(s));
  if (unknown)
    throw new UsageError(`--scopes: unknown scope "${unknown}" — did you mean "${closestScope(unknown)}"?`);

  return {
    command,
    show: values.show ?? false,
    json: values.json ?? false,
    clientCredentials: values['client-credentials'] ?? false,
    ...(limit !== undefined ? { limit } : {}),
    ...(values.board !== undefined ? { board: values.board } : {}),
    ...(scopes?.length ? { scopes: scopes as PinterestScope[] } : {}),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      limit: { type: 'string' },
      board: { type: 'string' },
      show: { type: 'boolean' },
      json: { type: 'boolean' },
      'client-credentials': { type: 'boolean' },
      scopes: { type: 'string' },
    },
  });
}
