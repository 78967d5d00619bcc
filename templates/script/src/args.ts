/** Command-line parsing: `pinterest <command> [subcommand] [options]`. */
import { parseArgs } from 'node:util';
import { closestScope, isPinterestScope, type PinterestScope } from '@kit/auth-core';

/** The commands (`pin create` and `board copy` are two words on the command line). */
export const COMMANDS = [
  'login',
  'whoami',
  'boards',
  'pins',
  'pin create',
  'board copy',
  'analytics',
  'report',
  'token',
  'logout',
  'help',
] as const;
export type Command = (typeof COMMANDS)[number];

/** Where a new Pin's media comes from. */
export type PinMedia =
  | { kind: 'image-url'; url: string }
  | { kind: 'image'; file: string }
  | { kind: 'video'; file: string };

/** The metrics `analytics` shows unless `--metrics` says otherwise. */
export const DEFAULT_METRICS = ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK'] as const;

/** A parsed command line. */
export interface ParsedArgs {
  command: Command;
  /** `--limit N`: at most N items (default: all pages). */
  limit?: number;
  /** `--board ID` for `pins` and `pin create`. */
  board?: string;
  /** `--show` for `token`: print the token itself. */
  show: boolean;
  /** `--json`: machine-readable output. */
  json: boolean;
  /** `--client-credentials`: act as the app owner with an app-only token, no browser. */
  clientCredentials: boolean;
  /** `--scopes a,b` for `login`/`--client-credentials` (default: PINTEREST_SCOPES). */
  scopes?: PinterestScope[];
  /** `pin create`: the media and the Pin's fields. */
  pin?: {
    media: PinMedia;
    section?: string;
    title?: string;
    description?: string;
    link?: string;
    altText?: string;
    /** Video cover: an image URL, or the frame at this second (default 0). */
    cover: { imageUrl: string } | { keyFrameTime: number };
  };
  /** `board copy <id>`: the board to copy and the new board's name. */
  copy?: { boardId: string; toName?: string };
  /** `analytics` and `report`: how many days back, today included (default 30). */
  days: number;
  /** `analytics --metrics` (default {@link DEFAULT_METRICS}). */
  metrics: string[];
  /** `analytics --top-pins`. */
  topPins: boolean;
  /** `report`: the ad account, columns, level and CSV file. */
  report?: { adAccount: string; columns: string[]; level: string; out?: string };
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
  pin create --board ID [--section ID] (--image-url URL | --image FILE | --video FILE)
             [--title T] [--description D] [--link URL] [--alt-text A]
             [--cover-image-url URL | --key-frame-time SECONDS]
                        Publish a Pin (needs pins:write, boards:write); prints its URL. A local image (JPEG or
                        PNG, up to 20 MB) is sent as image_base64; a video goes through the media upload
                        (progress bar, then a spinner while Pinterest processes it)
  board copy ID [--to-name NAME]
                        A new board with the same description, sections and Pins (needs boards:write,
                        pins:write); default name "<name> (copy)"
  analytics [--days N] [--metrics A,B]
                        Your account's metrics over the last N days (default 30, at most 90): a table and a
                        sparkline per metric (default ${DEFAULT_METRICS.join(',')})
  analytics --top-pins [--days N] [--metrics A] [--limit N]
                        Your best Pins, sorted by the first metric (default 10 Pins, at most 50)
  report --ad-account ID --columns A,B [--days N] [--level LEVEL] [--out FILE.csv]
                        An asynchronous ads report (needs ads:read), one row per day, written as CSV to FILE
                        (or stdout); --level default ADVERTISER
  token [--show]        Show the stored token's fingerprint, expiry and scopes (--show prints the token)
  logout                Delete the stored tokens
  help                  This text

Options:
  --json                Print JSON instead of text (every command; progress stays on stderr)
  --client-credentials  Use an app-only token of the app owner's account (no browser; some writes fail)
  --scopes a,b          Scopes for login / --client-credentials (default: PINTEREST_SCOPES)
  -h, --help            This text

Exit codes: 0 done · 1 failed (one line saying why) · 2 bad command line or input file · 3 the login lacks a
scope (the message names the login command that grants it) · 4 Pinterest could not finish the job (video
processing or report failed).

Environment: PINTEREST_APP_ID, PINTEREST_APP_SECRET, PINTEREST_REDIRECT_URI (default http://localhost:8085/),
PINTEREST_SCOPES, PINTEREST_ENV (production|sandbox), PINTEREST_ACCESS_TOKEN (use this token, no login, no
refresh), PINTEREST_TOKEN_FILE (where tokens are kept), BROWSER (program that opens URLs; "none" = print only).
`;

const ID = /^\d{1,32}$/;

function requireId(value: string | undefined, option: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (!ID.test(value)) throw new UsageError(`${option} must be a numeric ${what} id (got "${value}").`);
  return value;
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function httpUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option} must be an absolute http(s) URL (got "${value}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${option} must be an http(s) URL (got "${value}").`);
  return value;
}

/** Parses `argv` (without `node` and the script). */
export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}. Run with --help to see the options.`);
  }
  const { values, positionals } = parsed;
  const base = { show: false, json: false, clientCredentials: false, days: 30, metrics: [], topPins: false };
  if (values.help) return { command: 'help', ...base };
  const [name, ...rest] = positionals;
  if (!name) throw new UsageError('Missing command: try `login`, `whoami` or `boards` (or --help).');
  let command: Command;
  let extra = rest;
  if (name === 'pin' || name === 'board') {
    const verb = name === 'pin' ? 'create' : 'copy';
    if (rest[0] !== verb)
      throw new UsageError(`Unknown ${name} command "${rest[0] ?? ''}": use \`${name} ${verb}\`.`);
    command = `${name} ${verb}` as Command;
    extra = rest.slice(1);
  } else if ((COMMANDS as readonly string[]).includes(name) && !name.includes(' ')) {
    command = name as Command;
  } else {
    throw new UsageError(`Unknown command "${name}": use one of ${COMMANDS.join(', ')}.`);
  }
  let copy: ParsedArgs['copy'];
  if (command === 'board copy') {
    const [boardId, ...more] = extra;
    if (!boardId)
      throw new UsageError('board copy needs the id of the board to copy (see `boards` for ids).');
    requireId(boardId, 'The board to copy', 'board');
    if (values['to-name'] !== undefined && values['to-name'].trim() === '')
      throw new UsageError('--to-name must not be empty.');
    copy = { boardId, ...(values['to-name'] ? { toName: values['to-name'].trim() } : {}) };
    extra = more;
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}" after ${command}.`);

  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit must be a whole number ≥ 1 (got "${values.limit}").`);
  }
  if ((command === 'pins' || command === 'pin create') && !values.board)
    throw new UsageError(`${command} needs --board <board id> (see \`boards\` for ids).`);
  requireId(values.board, '--board', 'board');
  requireId(values.section, '--section', 'board section');
  const scopes = list(values.scopes);
  const unknown = scopes?.find((s) => !isPinterestScope(s));
  if (unknown)
    throw new UsageError(`--scopes: unknown scope "${unknown}" — did you mean "${closestScope(unknown)}"?`);

  let days = 30;
  if (values.days !== undefined) {
    days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 90)
      throw new UsageError(
        `--days must be a whole number from 1 to 90 (got "${values.days}"): Pinterest keeps 90 days.`,
      );
  }
  const metrics = (list(values.metrics) ?? [...DEFAULT_METRICS]).map((m) => m.toUpperCase());
  if (metrics.length === 0)
    throw new UsageError('--metrics needs at least one metric, e.g. IMPRESSION,SAVE.');
  const badMetric = metrics.find((m) => !/^[A-Z0-9_]+$/.test(m));
  if (badMetric)
    throw new UsageError(`--metrics: "${badMetric}" is not a metric name (e.g. IMPRESSION, SAVE).`);

  return {
    command,
    show: values.show ?? false,
    json: values.json ?? false,
    clientCredentials: values['client-credentials'] ?? false,
    days,
    metrics,
    topPins: values['top-pins'] ?? false,
    ...(limit !== undefined ? { limit } : {}),
    ...(values.board !== undefined ? { board: values.board } : {}),
    ...(scopes?.length ? { scopes: scopes as PinterestScope[] } : {}),
    ...(command === 'pin create' ? { pin: pinOptions(values) } : {}),
    ...(copy ? { copy } : {}),
    ...(command === 'report' ? { report: reportOptions(values) } : {}),
  };
}

function pinOptions(values: ReturnType<typeof parse>['values']): NonNullable<ParsedArgs['pin']> {
  const sources = (['image-url', 'image', 'video'] as const).filter((name) => values[name] !== undefined);
  if (sources.length !== 1)
    throw new UsageError(
      `pin create needs exactly one of --image-url URL, --image FILE or --video FILE (got ${sources.length ? sources.map((s) => `--${s}`).join(' and ') : 'none'}).`,
    );
  const media: PinMedia =
    values['image-url'] !== undefined
      ? { kind: 'image-url', url: httpUrl(values['image-url'], '--image-url') }
      : values.image !== undefined
        ? { kind: 'image', file: values.image }
        : { kind: 'video', file: values.video as string };
  if (
    media.kind !== 'video' &&
    (values['cover-image-url'] !== undefined || values['key-frame-time'] !== undefined)
  )
    throw new UsageError('--cover-image-url and --key-frame-time are for --video only.');
  if (values['cover-image-url'] !== undefined && values['key-frame-time'] !== undefined)
    throw new UsageError('Give --cover-image-url or --key-frame-time, not both.');
  let cover: NonNullable<ParsedArgs['pin']>['cover'] = { keyFrameTime: 0 };
  if (values['cover-image-url'] !== undefined)
    cover = { imageUrl: httpUrl(values['cover-image-url'], '--cover-image-url') };
  if (values['key-frame-time'] !== undefined) {
    const seconds = Number(values['key-frame-time']);
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new UsageError(`--key-frame-time must be seconds ≥ 0 (got "${values['key-frame-time']}").`);
    cover = { keyFrameTime: seconds };
  }
  if (values.link !== undefined) httpUrl(values.link, '--link');
  const text = (value: string | undefined, option: string, max: number) => {
    if (value !== undefined && value.length > max)
      throw new UsageError(`${option} is ${value.length} characters; Pinterest takes at most ${max}.`);
    return value;
  };
  const fields = {
    section: values.section,
    title: text(values.title, '--title', 100),
    description: text(values.description, '--description', 800),
    link: text(values.link, '--link', 2048),
    altText: text(values['alt-text'], '--alt-text', 500),
  };
  return {
    media,
    cover,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}

function reportOptions(values: ReturnType<typeof parse>['values']): NonNullable<ParsedArgs['report']> {
  const adAccount = requireId(values['ad-account'], '--ad-account', 'ad account');
  if (!adAccount) throw new UsageError('report needs --ad-account <ad account id>.');
  const columns = list(values.columns)?.map((c) => c.toUpperCase());
  if (!columns?.length)
    throw new UsageError('report needs --columns, e.g. --columns SPEND_IN_DOLLAR,TOTAL_IMPRESSION.');
  const bad = columns.find((c) => !/^[A-Z0-9_]+$/.test(c));
  if (bad) throw new UsageError(`--columns: "${bad}" is not a column name (e.g. SPEND_IN_DOLLAR).`);
  const level = (values.level ?? 'ADVERTISER').toUpperCase();
  return { adAccount, columns, level, ...(values.out !== undefined ? { out: values.out } : {}) };
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
      section: { type: 'string' },
      'image-url': { type: 'string' },
      image: { type: 'string' },
      video: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      link: { type: 'string' },
      'alt-text': { type: 'string' },
      'cover-image-url': { type: 'string' },
      'key-frame-time': { type: 'string' },
      'to-name': { type: 'string' },
      days: { type: 'string' },
      metrics: { type: 'string' },
      'top-pins': { type: 'boolean' },
      'ad-account': { type: 'string' },
      columns: { type: 'string' },
      level: { type: 'string' },
      out: { type: 'string' },
      show: { type: 'boolean' },
      json: { type: 'boolean' },
      'client-credentials': { type: 'boolean' },
      scopes: { type: 'string' },
    },
  });
}
