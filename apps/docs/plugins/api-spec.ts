/**
 * The generated Pinterest API reference: every operation of the repository's facts-only OpenAPI copy
 * (packages/pinterest-spec/openapi-v5.json), grouped into resource groups, each with its parameters, scopes,
 * rate-limit category, request and response fields, and a typed `@kit/auth-core` call. The spec copy keeps
 * no prose, so every sentence the pages show is ours (titles are built from operation ids).
 *
 * `virtual:pinterest-api/<group>` gives one group's data: only that group's page imports it, so the
 * reference never weighs on other pages.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { highlight } from './highlight.ts';
import { OPENAPI_PATH } from './paths.ts';

/** Resource groups: which spec tags each reference page shows, in order. Every tag is in exactly one. */
export const API_GROUPS = [
  { slug: 'pins-and-boards', title: 'Pins and boards', tags: ['pins', 'boards', 'media', 'search'] },
  { slug: 'user-account', title: 'User account', tags: ['user_account'] },
  {
    slug: 'ads',
    title: 'Ads and campaigns',
    tags: [
      'ad_accounts',
      'campaigns',
      'ad_groups',
      'ads',
      'keywords',
      'terms',
      'labels',
      'targeting_template',
      'resources',
      'product_group_promotions',
      'promotions',
      'advanced_auction',
      'bulk',
      'terms_of_service',
    ],
  },
  { slug: 'billing', title: 'Billing', tags: ['billing', 'order_lines'] },
  {
    slug: 'audiences',
    title: 'Audiences',
    tags: ['audiences', 'audience_insights', 'audience_sharing', 'customer_lists', 'customer_list_uploads'],
  },
  {
    slug: 'conversions-and-leads',
    title: 'Conversions and leads',
    tags: [
      'conversion_tags',
      'conversions',
      'conversion_events',
      'conversion_eqs',
      'msot_events',
      'lead_forms',
      'lead_ads',
      'leads_export',
    ],
  },
  {
    slug: 'catalogs',
    title: 'Catalogs',
    tags: [
      'catalogs',
      'catalog_feeds',
      'catalog_items',
      'catalog_product_groups',
      'catalog_reports',
      'product_categories',
    ],
  },
  {
    slug: 'business-access',
    title: 'Business access',
    tags: ['business_access_relationships', 'business_access_invite', 'business_access_assets'],
  },
  {
    slug: 'integrations-and-oauth',
    title: 'Integrations and OAuth',
    tags: ['integrations', 'notification', 'oauth'],
  },
] as const;

export type ApiGroupSlug = (typeof API_GROUPS)[number]['slug'];

/** A parameter or a field of a request or response body. */
export interface ApiField {
  name: string;
  /** `'path'`, `'query'`, or `'body'` / `'response'` for fields. */
  in: string;
  /** A TypeScript-like type: `string`, `integer`, `Pin[]`, `"a" | "b"`. */
  type: string;
  required: boolean;
  /** Facts of the schema in our words: default, limits, pattern, nullable. */
  notes: string;
}

export interface ApiOperation {
  operationId: string;
  /** Anchor id on the page: `boards-list_pins`. */
  anchor: string;
  /** Short title in our words, from the operation id: `List pins`. */
  title: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the v5 base, without `/v5`. */
  path: string;
  /** Scopes a user token needs (all of them). Empty: not a user-token operation (e.g. Basic auth). */
  scopes: string[];
  /** How the operation authenticates: `oauth` (user token), `client_credentials` too, or `basic`. */
  auth: string[];
  /** `x-ratelimit-category`. */
  category: string;
  /** `x-sandbox`: whether the sandbox host serves it. */
  sandbox: 'enabled' | 'disabled' | 'unknown';
  parameters: ApiField[];
  /** The JSON (or form) body's top-level fields, if the operation takes a body. */
  body: { contentType: string; required: boolean; schema: string; fields: ApiField[] } | undefined;
  /** The success answer: status, schema name, top-level fields (of each item for paged lists). */
  response: { status: string; schema: string; paged: boolean; fields: ApiField[] } | undefined;
  /** The typed `@kit/auth-core` call, as text and highlighted HTML. */
  call: string;
  callHtml: string;
}

export interface ApiTag {
  tag: string;
  /** `Board sections` from `board_sections`. */
  title: string;
  anchor: string;
  operations: ApiOperation[];
}

export interface ApiGroupData {
  slug: string;
  title: string;
  specVersion: string;
  tags: ApiTag[];
}

// --- Reading the spec -----------------------------------------------------------------------------

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  nullable?: boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
  additionalProperties?: boolean | Schema;
};

interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
  'x-ratelimit-category'?: string;
  'x-sandbox'?: string;
}

export interface OpenApi {
  info: { version: string };
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

function resolve(spec: OpenApi, schema: Schema | undefined, depth = 0): Schema {
  if (!schema) return {};
  if (schema.$ref && depth < 20)
    return resolve(spec, spec.components.schemas[refName(schema.$ref)], depth + 1);
  return schema;
}

/** Merges `allOf` parts (resolved) into one object schema: properties and required lists joined. */
function flatten(spec: OpenApi, schema: Schema | undefined, depth = 0): Schema {
  const s = resolve(spec, schema);
  if (!s.allOf || depth > 10) return s;
  const merged: Schema = { type: 'object', properties: {}, required: [] };
  for (const part of s.allOf) {
    const f = flatten(spec, part, depth + 1);
    // A later part may refine a property (Paginated's `items` gets its item type): merge, do not replace.
    for (const [name, prop] of Object.entries(f.properties ?? {})) {
      const before = merged.properties?.[name];
      merged.properties = {
        ...merged.properties,
        [name]: before ? { ...resolve(spec, before), ...prop } : prop,
      };
    }
    merged.required = [...(merged.required ?? []), ...(f.required ?? [])];
  }
  merged.properties = { ...merged.properties, ...s.properties };
  return merged;
}

/** A short TypeScript-like type for a schema: names for `$ref`s, `T[]`, unions of enum values. */
export function typeOf(spec: OpenApi, schema: Schema | undefined, depth = 0): string {
  if (!schema) return 'unknown';
  if (schema.$ref) return refName(schema.$ref);
  if (depth > 4) return 'object';
  if (schema.enum) {
    const values = schema.enum.filter((v) => v !== null).map((v) => JSON.stringify(v));
    return values.length > 6
      ? `${values.slice(0, 5).join(' | ')} | … (${values.length} values)`
      : values.join(' | ');
  }
  if (schema.oneOf || schema.anyOf) {
    return [...new Set((schema.oneOf ?? schema.anyOf ?? []).map((s) => typeOf(spec, s, depth + 1)))].join(
      ' | ',
    );
  }
  if (schema.allOf) {
    const named = schema.allOf.filter((s) => s.$ref).map((s) => typeOf(spec, s, depth + 1));
    return named.length > 0 ? named.join(' & ') : 'object';
  }
  if (schema.type === 'array') {
    const inner = typeOf(spec, schema.items, depth + 1);
    return inner.includes(' ') ? `(${inner})[]` : `${inner}[]`;
  }
  if (schema.type === 'string' && schema.format) return `string (${schema.format})`;
  return schema.type ?? 'object';
}

/** The facts of a schema that a reader needs, in our words. */
function notesOf(schema: Schema): string {
  const notes: string[] = [];
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    notes.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.maximum !== undefined) notes.push(`at most ${schema.maximum}`);
  else if (schema.minimum !== undefined) notes.push(`at least ${schema.minimum}`);
  if (schema.maxLength !== undefined) notes.push(`up to ${schema.maxLength} characters`);
  if (schema.pattern === '^\\d+$') notes.push('digits only');
  if (schema.nullable) notes.push('may be null');
  return notes.join('; ');
}

const MAX_FIELDS = 60;

function fieldsOf(spec: OpenApi, schema: Schema | undefined, where: string): ApiField[] {
  const s = flatten(spec, schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {})
    .slice(0, MAX_FIELDS)
    .map(([name, prop]) => ({
      name,
      in: where,
      type: typeOf(spec, prop),
      required: required.has(name),
      notes: notesOf(resolve(spec, prop)),
    }));
}

const ACRONYMS: Record<string, string> = {
  id: 'ID',
  ids: 'IDs',
  api: 'API',
  url: 'URL',
  oauth: 'OAuth',
  eqs: 'EQS',
};

/** `list_pins` → `List pins`, `board_sections` → `Board sections`. */
export function words(text: string): string {
  const out = text
    .split(/[_/\s]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w] ?? w)
    .join(' ');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * A short title from the operation id, in our words: `boards/list_pins` under the tag `boards` reads
 * `List pins`; `board_sections/list_pins` under the same tag reads `Board sections: list pins`.
 */
export function operationTitle(operationId: string, tag: string): string {
  const [resource = '', ...rest] = operationId.split('/');
  if (rest.length === 0) return words(operationId);
  if (resource === tag) return words(rest.join(' '));
  return `${words(resource)}: ${words(rest.join(' ')).replace(/^./, (c) => c.toLowerCase())}`;
}

/** A sample value of a schema for the typed call: its example, default, first enum value, or a type's blank. */
function sampleOf(spec: OpenApi, schema: Schema | undefined, name: string): string {
  const s = resolve(spec, schema);
  // A page size other than the default, so the example shows the parameter doing something.
  if (name === 'page_size') return '50';
  const value = s.example ?? s.default ?? s.enum?.find((v) => v !== null);
  if (value !== undefined && (typeof value !== 'object' || value === null))
    return JSON.stringify(value).replace(/^"(.*)"$/, "'$1'");
  if (s.type === 'array') return '[]';
  if (s.type === 'integer' || s.type === 'number') return '0';
  if (s.type === 'boolean') return 'true';
  if (s.type === 'object' || s.properties || s.allOf || s.oneOf) return '{}';
  return `'…'`;
}

/** `{ board_id, ad_account_id }`, `{ page_size: 50 }`. */
function objectLiteral(entries: [string, string | undefined][]): string {
  return `{ ${entries.map(([k, v]) => (v === undefined ? k : `${k}: ${v}`)).join(', ')} }`;
}

/**
 * The typed `@kit/auth-core` call for an operation: `client.get(path, { path?, query?, body? })` with the
 * path under `/v5`, its path parameters, the required query parameters (and `page_size` on paged lists)
 * and the body's required fields.
 */
export function callFor(
  method: string,
  path: string,
  parameters: { name: string; in: string; required: boolean; sample: string }[],
  body: { name: string; required: boolean; sample: string }[] | undefined,
): string {
  const options: string[] = [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  if (pathParams.length > 0)
    options.push(`path: ${objectLiteral(pathParams.map((p) => [p.name, undefined]))}`);
  const query = parameters.filter((p) => p.in === 'query' && (p.required || p.name === 'page_size'));
  if (query.length > 0) options.push(`query: ${objectLiteral(query.map((p) => [p.name, p.sample]))}`);
  if (body) {
    const required = body.filter((f) => f.required);
    options.push(
      `body: ${required.length > 0 ? objectLiteral(required.map((f) => [f.name, f.sample])) : '{ /* … */ }'}`,
    );
  }
  const head = `await client.${method.toLowerCase()}('${path}'`;
  if (options.length === 0) return `${head});`;
  const oneLine = `${head}, { ${options.join(', ')} });`;
  if (oneLine.length <= 96) return oneLine;
  return `${head}, {\n${options.map((o) => `  ${o},`).join('\n')}\n});`;
}

function parametersOf(
  spec: OpenApi,
  op: Operation,
  shared: Parameter[] = [],
): (ApiField & { sample: string })[] {
  return [...shared, ...(op.parameters ?? [])]
    .map((p) => (p.$ref ? (spec.components.parameters?.[refName(p.$ref)] ?? p) : p))
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((p) => ({
      name: p.name,
      in: p.in,
      type: typeOf(spec, p.schema),
      required: p.in === 'path' || Boolean(p.required),
      notes: notesOf(resolve(spec, p.schema)),
      sample: sampleOf(spec, p.schema, p.name),
    }));
}

function operationOf(
  spec: OpenApi,
  path: string,
  method: (typeof METHODS)[number],
  op: Operation,
  shared: Parameter[],
): ApiOperation {
  const operationId = op.operationId ?? `${method}_${path}`;
  const params = parametersOf(spec, op, shared);
  let body: ApiOperation['body'];
  let bodySamples: { name: string; required: boolean; sample: string }[] | undefined;
  const content = op.requestBody?.content ?? {};
  const contentType = Object.keys(content)[0];
  if (contentType) {
    const schema = content[contentType]?.schema;
    const flat = flatten(spec, schema);
    const fields = fieldsOf(spec, schema, 'body');
    body = {
      contentType,
      required: Boolean(op.requestBody?.required),
      schema: typeOf(spec, schema),
      fields,
    };
    bodySamples = fields.map((f) => ({
      name: f.name,
      required: f.required,
      sample: sampleOf(spec, flat.properties?.[f.name], f.name),
    }));
  }
  let response: ApiOperation['response'];
  const success = Object.keys(op.responses ?? {}).find((s) => /^2\d\d$/.test(s));
  if (success) {
    const schema = op.responses?.[success]?.content?.['application/json']?.schema;
    if (schema) {
      const flat = flatten(spec, schema);
      const items = flat.properties?.items;
      const paged = Boolean(items && resolve(spec, items).type === 'array' && flat.properties?.bookmark);
      const itemSchema = paged ? resolve(spec, items).items : undefined;
      response = {
        status: success,
        schema: paged ? `${typeOf(spec, itemSchema)}[] (paged)` : typeOf(spec, schema),
        paged,
        fields: paged ? fieldsOf(spec, itemSchema, 'response') : fieldsOf(spec, schema, 'response'),
      };
    } else {
      response = { status: success, schema: 'no body', paged: false, fields: [] };
    }
  }
  const security = op.security ?? [];
  const oauth = security.find((r) => 'pinterest_oauth2' in r)?.pinterest_oauth2 ?? [];
  const auth = security.flatMap((r) => Object.keys(r)).map((k) => (k === 'pinterest_oauth2' ? 'oauth' : k));
  const call = callFor(method, path, params, bodySamples);
  return {
    operationId,
    anchor: operationId.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: operationTitle(operationId, op.tags?.[0] ?? ''),
    method: method.toUpperCase() as ApiOperation['method'],
    path,
    scopes: [...oauth].sort(),
    auth: [...new Set(auth)],
    category: op['x-ratelimit-category'] ?? '',
    sandbox: op['x-sandbox'] === 'enabled' || op['x-sandbox'] === 'disabled' ? op['x-sandbox'] : 'unknown',
    parameters: params.map(({ sample: _sample, ...field }) => field),
    body,
    response,
    call,
    callHtml: highlight(call, 'ts'),
  };
}

const cache = new WeakMap<OpenApi, Map<string, ApiOperation[]>>();

/** Every operation of the spec, by tag (computed once per spec object: highlighting 231 calls takes a while). */
export function operationsByTag(spec: OpenApi): Map<string, ApiOperation[]> {
  const cached = cache.get(spec);
  if (cached) return cached;
  const byTag = new Map<string, ApiOperation[]>();
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = Array.isArray(item.parameters) ? (item.parameters as Parameter[]) : [];
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationOf(spec, path, method, op, shared)]);
    }
  }
  const order = (op: ApiOperation) => METHODS.indexOf(op.method.toLowerCase() as (typeof METHODS)[number]);
  for (const ops of byTag.values()) ops.sort((a, b) => a.path.localeCompare(b.path) || order(a) - order(b));
  cache.set(spec, byTag);
  return byTag;
}

/** One group's page data. Throws when the spec has a tag no group lists, so a new tag cannot go missing. */
export function apiGroup(spec: OpenApi, slug: string): ApiGroupData {
  const byTag = operationsByTag(spec);
  const listed = new Set<string>(API_GROUPS.flatMap((g) => [...g.tags]));
  const unlisted = [...byTag.keys()].filter((t) => !listed.has(t));
  if (unlisted.length > 0) {
    throw new Error(
      `docs: the spec has operations tagged ${unlisted.join(', ')} that no API reference group lists. Add each tag to a group in apps/docs/plugins/api-spec.ts (API_GROUPS).`,
    );
  }
  const group = API_GROUPS.find((g) => g.slug === slug);
  if (!group)
    throw new Error(
      `docs: no API reference group "${slug}" (one of: ${API_GROUPS.map((g) => g.slug).join(', ')}).`,
    );
  return {
    slug: group.slug,
    title: group.title,
    specVersion: spec.info.version,
    tags: group.tags.map((tag) => ({
      tag,
      title: words(tag),
      anchor: tag.replace(/[^A-Za-z0-9_-]+/g, '-'),
      operations: byTag.get(tag) ?? [],
    })),
  };
}

export function readOpenApi(path = OPENAPI_PATH): OpenApi {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApi;
}

const PREFIX = 'virtual:pinterest-api/';

/** `import group from 'virtual:pinterest-api/pins-and-boards'` → that group's {@link ApiGroupData}. */
export function apiSpecPlugin(path = OPENAPI_PATH): Plugin {
  let spec: OpenApi | undefined;
  return {
    name: 'kit-docs-api-spec',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      this.addWatchFile(path);
      spec ??= readOpenApi(path);
      return `export default ${JSON.stringify(apiGroup(spec, id.slice(PREFIX.length + 1)))};`;
    },
    watchChange(id) {
      if (id === path) spec = undefined;
    },
  };
}
