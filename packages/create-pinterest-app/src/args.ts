import { parseArgs } from 'node:util';
import { CliError } from './errors.js';
import { PACKAGE_MANAGERS, type PackageManager } from './package-manager.js';
import { parseScopeList } from './scopes.js';
import { didYouMean } from './suggest.js';

/** What to do with a target folder that already holds files. */
export const OVERWRITE_MODES = ['cancel', 'clear', 'merge'] as const;

/** One of {@link OVERWRITE_MODES}. */
export type OverwriteMode = (typeof OVERWRITE_MODES)[number];

/** The command line, validated. Every field left undefined is asked for, or takes its default. */
export interface CliArgs {
  dir?: string;
  template?: string;
  name?: string;
  appId?: string;
  redirectUri?: string;
  scopes?: string[];
  mock?: boolean;
  pm?: PackageManager;
  install?: boolean;
  git?: boolean;
  overwrite?: OverwriteMode;
  yes: boolean;
  interactive?: boolean;
  help: boolean;
  version: boolean;
}

// Negations are separate options (not parseArgs' allowNegative) so `--install --no-install` can be refused.
const OPTIONS = {
  template: { type: 'string', short: 't' },
  name: { type: 'string' },
  'app-id': { type: 'string' },
  'redirect-uri': { type: 'string' },
  scopes: { type: 'string' },
  mock: { type: 'boolean' },
  pm: { type: 'string' },
  install: { type: 'boolean' },
  'no-install': { type: 'boolean' },
  git: { type: 'boolean' },
  'no-git': { type: 'boolean' },
  overwrite: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  interactive: { type: 'boolean' },
  'no-interactive': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];
const FLAG_SPELLINGS = OPTION_NAMES.map((name) => `--${name}`);

/** Flags that would put a secret into shell history; refused with a pointer to the safe way. */
const SECRET_FLAGS = new Set(['app-secret', 'secret', 'client-secret', 'pinterest-app-secret']);

/**
 * Parses and validates `argv` (without `node` and the script). Unknown flags, missing or invalid values,
 * repeated or contradictory flags are {@link CliError}s with a hint, never ignored.
 * @param templates names of the bundled templates, for validating `--template`.
 * @param scopes Pinterest's scopes (the manifest's), for validating `--scopes`.
 */
export function parseCliArgs(
  argv: readonly string[],
  templates: readonly string[],
  scopes: readonly string[],
): CliArgs {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const seen = new Map<OptionName, string>();
  const strings = new Map<OptionName, string>();
  const positionals: string[] = [];

  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const name = token.name as OptionName;
    if (SECRET_FLAGS.has(token.name)) {
      throw new CliError(
        'UNKNOWN_FLAG',
        `There is no ${token.rawName} flag: a secret on the command line ends up in shell history.`,
        {
          hint: 'Type the app secret at the prompt (it is masked), or set PINTEREST_APP_SECRET in the environment.',
        },
      );
    }
    if (!Object.hasOwn(OPTIONS, token.name)) {
      const spelling = token.rawName.startsWith('--') ? token.rawName : `-${token.name}`;
      throw new CliError('UNKNOWN_FLAG', `Unknown flag ${spelling}.${didYouMean(spelling, FLAG_SPELLINGS)}`, {
        hint: 'Run with --help to see every flag.',
      });
    }
    if (seen.has(name)) {
      throw new CliError('CONFLICTING_FLAGS', `${token.rawName} was given more than once.`, {
        hint: `Pass ${token.rawName} once.`,
      });
    }
    seen.set(name, token.rawName);
    const definition = OPTIONS[name];
    if (definition.type === 'boolean') {
      if (token.value !== undefined) {
        throw new CliError('INVALID_VALUE', `${token.rawName} takes no value (got "${token.value}").`, {
          hint: negatable(name) ? `Use ${token.rawName} or --no-${name}.` : `Use ${token.rawName} alone.`,
        });
      }
      continue;
    }
    // A string flag followed by another flag (or nothing) has no value.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new CliError('MISSING_VALUE', `${token.rawName} needs a value.`, {
        hint: valueHint(name, templates),
      });
    }
    strings.set(name, token.value);
  }

  if (positionals.length > 1) {
    throw new CliError(
      'UNEXPECTED_ARGUMENT',
      `Expected at most one folder, got ${positionals.length}: ${positionals.map((p) => `"${p}"`).join(', ')}.`,
      { hint: 'Quote a folder name that contains spaces; pass options as --flag value.' },
    );
  }

  const args: CliArgs = {
    yes: seen.has('yes'),
    help: seen.has('help'),
    version: seen.has('version'),
  };
  if (positionals[0] !== undefined) args.dir = positionals[0];
  args.install = pair(seen, 'install');
  args.git = pair(seen, 'git');
  args.interactive = pair(seen, 'interactive');
  if (seen.has('mock')) args.mock = true;

  const template = strings.get('template');
  if (template !== undefined) args.template = oneOf('--template', template, templates);
  const name = strings.get('name');
  if (name !== undefined) args.name = name;
  const pm = strings.get('pm');
  if (pm !== undefined) args.pm = oneOf('--pm', pm, PACKAGE_MANAGERS);
  const overwrite = strings.get('overwrite');
  if (overwrite !== undefined) args.overwrite = oneOf('--overwrite', overwrite, OVERWRITE_MODES);
  const appId = strings.get('app-id');
  if (appId !== undefined) args.appId = validateAppId(appId);
  const redirectUri = strings.get('redirect-uri');
  if (redirectUri !== undefined) args.redirectUri = validateRedirectUri(redirectUri);
  const scopeList = strings.get('scopes');
  if (scopeList !== undefined) args.scopes = validateScopes(scopeList, scopes);

  if (args.mock && args.appId !== undefined) {
    throw new CliError('CONFLICTING_FLAGS', '--mock and --app-id exclude each other.', {
      hint: 'Use --mock to run against the embedded Pinterest mock, or --app-id for your real app.',
    });
  }
  if (args.mock && args.redirectUri !== undefined) {
    throw new CliError('CONFLICTING_FLAGS', '--redirect-uri has no effect with --mock.', {
      hint: "The mock's app registers the template's default redirect URI; drop --redirect-uri.",
    });
  }
  return args;
}

function negatable(name: OptionName): boolean {
  return name === 'install' || name === 'git' || name === 'interactive';
}

/** `--x` → true, `--no-x` → false, neither → undefined, both → error. */
function pair(seen: Map<OptionName, string>, name: 'install' | 'git' | 'interactive'): boolean | undefined {
  const yes = seen.has(name);
  const no = seen.has(`no-${name}`);
  if (yes && no) {
    throw new CliError('CONFLICTING_FLAGS', `--${name} and --no-${name} were both given.`, {
      hint: `Keep one of them.`,
    });
  }
  return yes ? true : no ? false : undefined;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match !== undefined) return match;
  throw new CliError('INVALID_VALUE', `Invalid ${flag} "${value}".${didYouMean(value, allowed)}`, {
    hint: `Use one of: ${allowed.join(', ')}.`,
  });
}

function valueHint(name: OptionName, templates: readonly string[]): string {
  switch (name) {
    case 'template':
      return `e.g. --template ${templates[0] ?? 'fastify'} (one of: ${templates.join(', ')}).`;
    case 'pm':
      return `e.g. --pm pnpm (one of: ${PACKAGE_MANAGERS.join(', ')}).`;
    case 'overwrite':
      return `e.g. --overwrite merge (one of: ${OVERWRITE_MODES.join(', ')}).`;
    case 'app-id':
      return 'e.g. --app-id 1234567 (My apps → your app → App ID).';
    case 'redirect-uri':
      return 'e.g. --redirect-uri http://localhost:3000/auth/callback';
    case 'scopes':
      return 'e.g. --scopes user_accounts:read,boards:read,pins:read';
    default:
      return `e.g. --${name} my-app`;
  }
}

/** Pinterest App IDs are numeric. */
export function validateAppId(value: string): string {
  const trimmed = value.trim();
  if (/^\d{1,20}$/.test(trimmed)) return trimmed;
  throw new CliError('INVALID_VALUE', `Invalid --app-id "${value}": a Pinterest App ID is a number.`, {
    hint: 'Copy it from developers.pinterest.com → My apps → your app (App ID), e.g. --app-id 1234567.',
  });
}

/**
 * A redirect URI must be absolute, without a fragment, and https unless it is a loopback address
 * (RFC 8252 §7.3, Pinterest accepts http://localhost for development).
 */
export function validateRedirectUri(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError('INVALID_VALUE', `Invalid --redirect-uri "${value}": not an absolute URL.`, {
      hint: 'e.g. --redirect-uri http://localhost:3000/auth/callback',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError('INVALID_VALUE', `Invalid --redirect-uri "${value}": not an absolute http(s) URL.`, {
      hint: 'e.g. --redirect-uri http://localhost:3000/auth/callback',
    });
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CliError(
      'INVALID_VALUE',
      `Invalid --redirect-uri "${value}": use https (http only for localhost).`,
      {
        hint: 'e.g. --redirect-uri https://example.com/auth/callback',
      },
    );
  }
  if (url.hash !== '' || value.includes('#')) {
    throw new CliError(
      'INVALID_VALUE',
      `Invalid --redirect-uri "${value}": a redirect URI has no #fragment.`,
      {
        hint: 'Remove the part from # on.',
      },
    );
  }
  // Pinterest compares byte for byte: keep what the user typed, not URL's normalised form.
  return value;
}

/** A comma- or space-separated list of Pinterest scopes, each one of `known`, duplicates dropped. */
export function validateScopes(value: string, known: readonly string[]): string[] {
  const entries = parseScopeList(value);
  if (entries.length === 0) {
    throw new CliError('INVALID_VALUE', '--scopes is empty.', {
      hint: 'e.g. --scopes user_accounts:read,boards:read,pins:read',
    });
  }
  const scopes: string[] = [];
  for (const entry of entries) {
    if (!known.includes(entry)) {
      throw new CliError(
        'INVALID_VALUE',
        `Unknown scope "${entry}" in --scopes.${didYouMean(entry, known)}`,
        {
          hint: `Pinterest's scopes: ${known.join(', ')}.`,
        },
      );
    }
    if (!scopes.includes(entry)) scopes.push(entry);
  }
  return scopes;
}
