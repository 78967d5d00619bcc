/**
 * Reads Pinterest's OpenAPI description at build time and keeps only what the site shows: the 19 OAuth
 * scopes with their meanings, and every operation with the scopes it needs (the `pinterest_oauth2`
 * requirement: all of its scopes are needed together).
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { OPENAPI_PATH, SCOPE_MEANINGS_PATH } from './paths.ts';

/** One OAuth scope and what Pinterest says it grants. */
export interface ScopeFact {
  name: string;
  description: string;
}

/** One API operation and the scopes a user token needs for it. */
export interface EndpointFact {
  operationId: string;
  method: string;
  /** Path under the v5 base, e.g. `/boards/{board_id}/pins`. */
  path: string;
  summary: string;
  tag: string;
  /** Every scope listed is needed (AND). Empty for the token endpoints, which use Basic auth. */
  scopes: string[];
  /** `x-ratelimit-category`, e.g. `org_read`. */
  category: string;
}

export interface SpecFacts {
  version: string;
  scopes: ScopeFact[];
  endpoints: EndpointFact[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  'x-ratelimit-category'?: string;
}

interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>>;
  components: {
    securitySchemes: {
      pinterest_oauth2: { flows: { authorizationCode: { scopes: Record<string, string> } } };
    };
  };
}

/** `pins/list_saved` → `Pins: list saved`: the spec keeps no prose, so an operation reads as its id. */
export function operationTitle(operationId: string): string {
  const [group = '', ...rest] = operationId.split('/');
  const words = (s: string) => s.replaceAll('_', ' ').replaceAll('/', ' ');
  const head = words(group);
  return `${head.charAt(0).toUpperCase()}${head.slice(1)}: ${words(rest.join(' '))}`;
}

/**
 * Extracts the scope and endpoint facts from a parsed OpenAPI document; what each scope means comes from
 * our own words (`meanings`), since the repository's copy of the spec keeps no prose.
 */
export function specFacts(doc: OpenApiDocument, meanings: Record<string, string> = {}): SpecFacts {
  const scopeMap = doc.components.securitySchemes.pinterest_oauth2.flows.authorizationCode.scopes;
  const scopes = Object.keys(scopeMap)
    .map((name) => ({ name, description: meanings[name] || scopeMap[name] || '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const endpoints: EndpointFact[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const requirement = op.security?.find((r) => 'pinterest_oauth2' in r);
      endpoints.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary || operationTitle(op.operationId ?? `${method} ${path}`),
        tag: op.tags?.[0] ?? 'other',
        scopes: [...(requirement?.pinterest_oauth2 ?? [])].sort(),
        category: op['x-ratelimit-category'] ?? '',
      });
    }
  }
  endpoints.sort((a, b) => a.tag.localeCompare(b.tag) || a.path.localeCompare(b.path));
  return { version: doc.info.version, scopes, endpoints };
}

/** Reads and extracts the facts from a file (default: the repository's copy in packages/pinterest-spec). */
export function readSpecFacts(path = OPENAPI_PATH): SpecFacts {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(
      `docs: cannot read Pinterest's OpenAPI description at ${path}. It lives in packages/pinterest-spec; restore it with git.`,
    );
  }
  const meanings = JSON.parse(readFileSync(SCOPE_MEANINGS_PATH, 'utf8')) as Record<string, string>;
  return specFacts(JSON.parse(text) as OpenApiDocument, meanings);
}

/**
 * `virtual:pinterest-scopes` → `{ SPEC_VERSION, SCOPES }` (small, used on several pages) and
 * `virtual:pinterest-endpoints` → `{ ENDPOINTS }` (only the scope finder's chunk carries it).
 */
export function openapiPlugin(path = OPENAPI_PATH): Plugin {
  let facts: SpecFacts | undefined;
  const load = () => {
    facts ??= readSpecFacts(path);
    return facts;
  };
  return {
    name: 'kit-docs-openapi',
    resolveId(id) {
      return id === 'virtual:pinterest-scopes' || id === 'virtual:pinterest-endpoints'
        ? `\0${id}`
        : undefined;
    },
    load(id) {
      if (id === '\0virtual:pinterest-scopes') {
        this.addWatchFile(path);
        const { version, scopes } = load();
        return `export const SPEC_VERSION = ${JSON.stringify(version)};\nexport const SCOPES = ${JSON.stringify(scopes)};`;
      }
      if (id === '\0virtual:pinterest-endpoints') {
        this.addWatchFile(path);
        return `export const ENDPOINTS = ${JSON.stringify(load().endpoints)};`;
      }
      return undefined;
    },
  };
}
