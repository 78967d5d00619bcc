/** How the generated app reaches Pinterest. */
export type PinterestSetup =
  | { kind: 'mock'; redirectUri: string; scopes: readonly string[] }
  | {
      kind: 'app';
      appId: string;
      /** Empty when the user left it for later; never printed. */
      appSecret: string;
      redirectUri: string;
      scopes: readonly string[];
    };

/**
 * One `KEY=value` line that Node's own `.env` parser (`process.loadEnvFile`, `--env-file`, what the
 * templates use) and dotenv read back unchanged: bare when plain, else in the first quote kind the value
 * does not contain (single quotes are literal there, so they come first).
 */
export function envLine(key: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`${key} cannot contain a line break`);
  if (/^[A-Za-z0-9_./:,@+-]*$/.test(value)) return `${key}=${value}`;
  const quote = ["'", '`', '"'].find((q) => !value.includes(q) && !(q === '"' && value.includes('\\n')));
  if (quote === undefined) throw new Error(`${key} contains every kind of quote; write it into .env by hand`);
  return `${key}=${quote}${value}${quote}`;
}

/**
 * The `.env` of the new project (git-ignored, mode 0600). With the mock, PINTEREST_APP_ID stays unset: the
 * templates' `dev` script then starts the embedded Pinterest mock and uses its default app.
 */
export function renderEnvFile(setup: PinterestSetup): string {
  const scopes = setup.scopes.join(',');
  if (setup.kind === 'mock') {
    return [
      '# Written by create-pinterest-app --mock. Never commit this file (.gitignore lists it).',
      '# PINTEREST_APP_ID is unset, so `dev` starts the embedded Pinterest mock and logs in against it',
      '# (its consent page: click Allow; users mock_alice and mock_bob).',
      '# To use your real Pinterest app, fill these in (developers.pinterest.com → My apps):',
      '# PINTEREST_APP_ID=',
      '# PINTEREST_APP_SECRET=',
      envLine('PINTEREST_REDIRECT_URI', setup.redirectUri),
      envLine('PINTEREST_SCOPES', scopes),
      '',
    ].join('\n');
  }
  return [
    '# Written by create-pinterest-app. Holds your app secret: never commit it (.gitignore lists it).',
    envLine('PINTEREST_APP_ID', setup.appId),
    envLine('PINTEREST_APP_SECRET', setup.appSecret),
    envLine('PINTEREST_REDIRECT_URI', setup.redirectUri),
    envLine('PINTEREST_SCOPES', scopes),
    '# production, or sandbox for Trial apps writing Pins and boards',
    'PINTEREST_ENV=production',
    '',
  ].join('\n');
}

/** `.env.example`: the same keys with no secret, safe to commit. Used when the template ships none. */
export function renderEnvExample(redirectUri: string, scopes: readonly string[]): string {
  return [
    '# Copy to .env and fill in (developers.pinterest.com → My apps → your app).',
    '# Leave PINTEREST_APP_ID empty to run against the embedded Pinterest mock.',
    'PINTEREST_APP_ID=',
    'PINTEREST_APP_SECRET=',
    envLine('PINTEREST_REDIRECT_URI', redirectUri),
    envLine('PINTEREST_SCOPES', scopes.join(',')),
    'PINTEREST_ENV=production',
    '',
  ].join('\n');
}

/** Lines a project's .gitignore must have so `.env` and token files never reach git (S3). */
export const REQUIRED_GITIGNORE_LINES = ['.env', '.env.*', '!.env.example', '.pinterest-tokens*/'];

/** `existing` with whatever of {@link REQUIRED_GITIGNORE_LINES} it lacks appended. */
export function ensureGitignore(existing: string | undefined): string {
  const base = existing ?? 'node_modules/\ndist/\nreports/\n*.log\n';
  const present = new Set(base.split(/\r?\n/).map((line) => line.trim()));
  const missing = REQUIRED_GITIGNORE_LINES.filter((line) => !present.has(line));
  if (missing.length === 0) return base;
  const separator = base.endsWith('\n') || base.length === 0 ? '' : '\n';
  return `${base}${separator}# Local configuration and tokens (added by create-pinterest-app)\n${missing.join('\n')}\n`;
}
