import { PinterestConfigError } from './errors.js';
import { ENDPOINT_SCOPE_INDEXES } from './generated/endpoint-scopes.js';

/**
 * The 19 OAuth scopes of Pinterest API v5, in the order of Pinterest's OpenAPI description
 * (`components.securitySchemes.pinterest_oauth2`).
 */
export const PINTEREST_SCOPES = [
  'ads:read',
  'ads:write',
  'billing:read',
  'billing:write',
  'biz_access:read',
  'biz_access:write',
  'boards:read',
  'boards:read_secret',
  'boards:write',
  'boards:write_secret',
  'catalogs:read',
  'catalogs:write',
  'msot:write',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
  'user_accounts:read',
  'user_accounts:write',
] as const;

/** One of the {@link PINTEREST_SCOPES}. */
export type PinterestScope = (typeof PINTEREST_SCOPES)[number];

/** What each scope lets the app do, as Pinterest words it on the consent page. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<PinterestScope, string>> = Object.freeze({
  'ads:read': 'See all of your advertising data, including ads, ad groups, campaigns etc.',
  'ads:write': 'Create, update, or delete ads, ad groups, campaigns etc.',
  'billing:read': 'See all of your billing data, billing profile, etc.',
  'billing:write': 'Create, update, or delete billing data, billing profiles, etc.',
  'biz_access:read': 'See business access data',
  'biz_access:write': 'Create, update, or delete business access data',
  'boards:read': 'See your public boards, including group boards you join',
  'boards:read_secret': 'See your secret boards',
  'boards:write': 'Create, update, or delete your public boards',
  'boards:write_secret': 'Create, update, or delete your secret boards',
  'catalogs:read': 'See all of your catalogs data',
  'catalogs:write': 'Create, update, or delete your catalogs data',
  'msot:write': 'Create measurement source of truth events',
  'pins:read': 'See your public Pins',
  'pins:read_secret': 'See your secret Pins',
  'pins:write': 'Create, update, or delete your public Pins',
  'pins:write_secret': 'Create, update, or delete your secret Pins',
  'user_accounts:read': 'See your user accounts and followers',
  'user_accounts:write': 'Update your user accounts and followers',
});

/** Whether `value` is one of the {@link PINTEREST_SCOPES}. */
export function isPinterestScope(value: string): value is PinterestScope {
  return (PINTEREST_SCOPES as readonly string[]).includes(value);
}

/** Split a scope list as Pinterest and the env var accept it: comma- and/or space-separated. */
export function parseScopeList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The valid scope closest to a mistyped one (Levenshtein distance), for "did you mean" messages. */
export function closestScope(value: string): PinterestScope {
  let best: PinterestScope = PINTEREST_SCOPES[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const scope of PINTEREST_SCOPES) {
    const distance = editDistance(value.toLowerCase(), scope);
    if (distance < bestDistance) {
      best = scope;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The user-token scopes a v5 operation requires, from Pinterest's OpenAPI description; `undefined` when the
 * operation is unknown. `path` is relative to the v5 base and may hold real ids (`/boards/123/pins`).
 */
export function requiredScopesFor(method: string, path: string): PinterestScope[] | undefined {
  const wanted = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const segments = wanted.split('/');
  const upper = method.toUpperCase();
  let best: readonly number[] | undefined;
  let bestLiterals = -1;
  for (const [operation, indexes] of Object.entries(ENDPOINT_SCOPE_INDEXES)) {
    const [opMethod, opPath = ''] = operation.split(' ');
    if (opMethod !== upper) continue;
    const opSegments = opPath.split('/');
    if (opSegments.length !== segments.length) continue;
    let literals = 0;
    const matches = opSegments.every((s, i) => {
      if (s === segments[i]) {
        literals += 1;
        return true;
      }
      return s.startsWith('{') && s.endsWith('}') && Boolean(segments[i]);
    });
    // Prefer the most specific template (`/boards/sections` over `/boards/{board_id}`).
    if (matches && literals > bestLiterals) {
      best = indexes;
      bestLiterals = literals;
    }
  }
  return best?.map((i) => PINTEREST_SCOPES[i] as PinterestScope);
}

/** Throws a {@link PinterestConfigError} naming every unknown scope and the closest known one. */
export function assertKnownScopes(scopes: readonly string[]): void {
  const problems = scopes
    .filter((s) => !isPinterestScope(s))
    .map((s) => `unknown scope "${s}" — did you mean "${closestScope(s)}"?`);
  if (problems.length > 0) throw new PinterestConfigError(problems);
}

const operationScopes = new Map<string, readonly PinterestScope[]>();

/**
 * The user-token scopes of the operation `METHOD /path/{param}` (a path template of the spec), looked up
 * directly (the client knows the template; {@link requiredScopesFor} matches concrete paths). Empty when the
 * operation needs none or is unknown.
 */
export function scopesOfOperation(method: string, template: string): readonly PinterestScope[] {
  const operation = `${method.toUpperCase()} ${template}`;
  let scopes = operationScopes.get(operation);
  if (scopes === undefined) {
    scopes = (ENDPOINT_SCOPE_INDEXES[operation] ?? []).map((i) => PINTEREST_SCOPES[i] as PinterestScope);
    operationScopes.set(operation, scopes);
  }
  return scopes;
}
