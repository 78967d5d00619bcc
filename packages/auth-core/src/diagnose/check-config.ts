/**
 * Check 1, configuration: every setting present and well-formed (numeric App ID, a secret that looks like one,
 * no stray whitespace or quotes), and an environment that matches the API host.
 *
 * @module
 */
import { configProblems, type PinterestAuthConfig } from '../config.js';
import { parseScopeList } from '../scopes.js';
import type { PinterestEnvironment } from '../stores/types.js';
import { type DoctorSettings, withDefaults } from './context.js';
import { DOCS } from './docs-links.js';
import type { CheckResult } from './types.js';

type Field =
  | 'appId'
  | 'appSecret'
  | 'redirectUri'
  | 'scopes'
  | 'environment'
  | 'oauthUrl'
  | 'apiUrl'
  | 'accessToken';

const ENV_NAMES: Record<Field, string> = {
  appId: 'PINTEREST_APP_ID',
  appSecret: 'PINTEREST_APP_SECRET',
  redirectUri: 'PINTEREST_REDIRECT_URI',
  scopes: 'PINTEREST_SCOPES',
  environment: 'PINTEREST_ENV',
  oauthUrl: 'PINTEREST_OAUTH_URI',
  apiUrl: 'PINTEREST_API_URI',
  accessToken: 'PINTEREST_ACCESS_TOKEN',
};

const FIELD_NAMES = Object.fromEntries(Object.keys(ENV_NAMES).map((k) => [k, k])) as Record<Field, string>;

const TITLE = 'Configuration';

/** The configuration as text values, whichever way it was given, and what each is called. */
function rawValues(
  config: Partial<PinterestAuthConfig> | undefined,
  env: Record<string, string | undefined>,
): { values: Partial<Record<Field, string>>; names: Record<Field, string> } {
  if (config) {
    const values: Partial<Record<Field, string>> = {};
    for (const field of Object.keys(ENV_NAMES) as Field[]) {
      const value = config[field];
      if (typeof value === 'string') values[field] = value;
      else if (Array.isArray(value)) values[field] = value.join(',');
    }
    return { values, names: FIELD_NAMES };
  }
  const values: Partial<Record<Field, string>> = {};
  for (const [field, name] of Object.entries(ENV_NAMES) as [Field, string][]) {
    if (env[name] !== undefined && env[name] !== '') values[field] = env[name];
  }
  if (values.scopes === undefined) values.scopes = 'user_accounts:read';
  return { values, names: ENV_NAMES };
}

/** Stray quotes and whitespace that a `.env` loader or a copy-paste left in a value. */
function strayCharacters(values: Partial<Record<Field, string>>, names: Record<Field, string>) {
  const fails: string[] = [];
  const warns: string[] = [];
  for (const [field, value] of Object.entries(values) as [Field, string][]) {
    if (/^\s*(["'`]).*\1\s*$/s.test(value) || /^\s*["'`]|["'`]\s*$/.test(value)) {
      fails.push(`${names[field]} is wrapped in quotes: remove them (write ${names[field]}=value).`);
    } else if (value !== value.trim()) {
      warns.push(`${names[field]} has spaces or a line break around it: remove them.`);
    }
  }
  for (const field of ['appId', 'appSecret', 'accessToken'] as const) {
    const value = values[field]?.trim();
    if (value && /\s/.test(value)) {
      fails.push(`${names[field]} contains whitespace inside it: paste it again as one unbroken value.`);
    }
  }
  return { fails, warns };
}

/** A secret that is really a token or the App ID. */
function secretShape(values: Partial<Record<Field, string>>, names: Record<Field, string>): string[] {
  const secret = values.appSecret?.trim();
  if (!secret) return [];
  if (/^pin[acr]_?/i.test(secret) && secret.length > 20) {
    return [
      `${names.appSecret} holds an access or refresh token, not the app secret: copy the App secret key from My apps → Manage.`,
    ];
  }
  if (secret === values.appId?.trim()) {
    return [`${names.appSecret} is the App ID: copy the App secret key from My apps → Manage.`];
  }
  return [];
}

/** An API host of one environment configured for the other. */
function environmentMismatch(settings: DoctorSettings, names: Record<Field, string>): string[] {
  let host: string;
  try {
    host = new URL(settings.apiUrl).hostname;
  } catch {
    return [];
  }
  const other: PinterestEnvironment | undefined =
    host === 'api.pinterest.com'
      ? 'production'
      : host === 'api-sandbox.pinterest.com'
        ? 'sandbox'
        : undefined;
  if (other && other !== settings.environment) {
    return [
      `${names.environment} is ${settings.environment} but ${names.apiUrl} points at ${host} (${other}): set ${names.environment}=${other} or remove ${names.apiUrl}.`,
    ];
  }
  return [];
}

/** Run the configuration check; `settings` is set when the later checks can run. */
export function checkConfig(
  config: Partial<PinterestAuthConfig> | undefined,
  env: Record<string, string | undefined>,
): { result: CheckResult; settings?: DoctorSettings } {
  const { values, names } = rawValues(config, env);
  const trimmed = (field: Field) => values[field]?.trim().replace(/^["'`]|["'`]$/g, '') || undefined;
  const environment = (trimmed('environment')?.toLowerCase() ?? 'production') as PinterestEnvironment;
  const candidate: Partial<PinterestAuthConfig> = {
    appId: trimmed('appId') ?? '',
    appSecret: trimmed('appSecret') ?? '',
    redirectUri: trimmed('redirectUri') ?? '',
    scopes: parseScopeList(trimmed('scopes') ?? '') as PinterestAuthConfig['scopes'],
    ...(trimmed('environment') ? { environment } : {}),
    ...(trimmed('oauthUrl') ? { oauthUrl: trimmed('oauthUrl') } : {}),
    ...(trimmed('apiUrl') ? { apiUrl: trimmed('apiUrl') } : {}),
    ...(trimmed('accessToken') ? { accessToken: trimmed('accessToken') } : {}),
  };
  const stray = strayCharacters(values, names);
  const problems = [...stray.fails, ...secretShape(values, names), ...configProblems(candidate, names)];
  if (problems.length > 0) {
    return {
      result: {
        id: 'config',
        title: TITLE,
        status: 'fail',
        summary: `${problems.length} setting${problems.length === 1 ? '' : 's'} to fix.`,
        fix: problems[0] as string,
        docs: DOCS.configuration,
        details: problems.slice(1),
      },
    };
  }
  const settings = withDefaults({
    appId: candidate.appId as string,
    appSecret: candidate.appSecret as string,
    redirectUri: candidate.redirectUri as string,
    scopes: candidate.scopes as string[],
    environment,
    ...(candidate.oauthUrl ? { oauthUrl: candidate.oauthUrl } : {}),
    ...(candidate.apiUrl ? { apiUrl: candidate.apiUrl } : {}),
    ...(candidate.accessToken ? { accessToken: candidate.accessToken } : {}),
  });
  const mismatch = environmentMismatch(settings, names);
  if (mismatch.length > 0) {
    return {
      result: {
        id: 'config',
        title: TITLE,
        status: 'fail',
        summary: 'The environment and the API host disagree.',
        fix: mismatch[0] as string,
        docs: DOCS.configuration,
      },
    };
  }
  const summary = `App ID ${settings.appId || '(none: access token only)'}, ${settings.environment} at ${settings.apiUrl}, scopes ${settings.scopes.join(', ') || '(none)'}.`;
  if (stray.warns.length > 0) {
    return {
      settings,
      result: {
        id: 'config',
        title: TITLE,
        status: 'warn',
        summary,
        fix: stray.warns[0] as string,
        docs: DOCS.configuration,
        details: stray.warns.slice(1),
      },
    };
  }
  return { settings, result: { id: 'config', title: TITLE, status: 'pass', summary } };
}
