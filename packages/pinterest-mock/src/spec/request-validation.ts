/**
 * Checks a request against its operation's schemas (path, query, body). Ajv is loaded on the first API
 * request and each operation's validators are compiled (Ajv generates code) on its first request, so start-up
 * stays fast with 231 operations; every later request of that operation runs the compiled functions, with no
 * schema walked and nothing awaited.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { type Operation, REQUEST_DEFINITIONS } from './operations.js';

let AjvClass: typeof Ajv | undefined;
let loadingAjv: Promise<void> | undefined;

function loadAjv(): Promise<void> {
  loadingAjv ??= import('ajv').then((module) => {
    AjvClass = module.Ajv;
  });
  return loadingAjv;
}

function createAjv(coerceTypes: boolean): Ajv {
  if (!AjvClass) throw new Error('ajv is not loaded yet');
  const ajv = new AjvClass({ strict: false, allErrors: false, logger: false, coerceTypes });
  // OpenAPI's numeric formats restate the type; "password" is a UI hint.
  for (const format of ['int32', 'int64', 'float', 'double', 'password']) ajv.addFormat(format, true);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/);
  // The definitions come from the spec the generator already read: checking them against the meta-schema
  // again would only slow the first request down.
  ajv.addSchema({ definitions: REQUEST_DEFINITIONS }, 'openapi', undefined, false);
  return ajv;
}

// Parameters arrive as text (coerced to the schema's types); Pinterest refuses a number where a JSON body
// needs a string (not coerced).
let parameterAjv: Ajv | undefined;
let bodyAjv: Ajv | undefined;

interface Validators {
  path?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
}
const compiled = new WeakMap<Operation, Validators>();
const NONE: readonly string[] = [];

function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', '"openapi#/definitions/'));
}

function validatorsOf(operation: Operation): Validators {
  let validators = compiled.get(operation);
  if (!validators) {
    parameterAjv ??= createAjv(true);
    bodyAjv ??= createAjv(false);
    validators = {};
    if (operation.pathSchema) validators.path = parameterAjv.compile(rebase(operation.pathSchema));
    if (operation.querySchema) validators.query = parameterAjv.compile(rebase(operation.querySchema));
    if (operation.body) validators.body = bodyAjv.compile(rebase(operation.body.schema));
    compiled.set(operation, validators);
  }
  return validators;
}

/** `Invalid request body: media_source.url is required.`, naming the field and what it must be. */
function describe(where: string, error: ErrorObject | undefined): string {
  if (!error) return `${where} does not match the API's schema.`;
  const at = error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'required') {
    const field = [at, (error.params as { missingProperty: string }).missingProperty]
      .filter(Boolean)
      .join('.');
    return `${where} ${field} is required.`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `${where} ${at} must be one of ${allowed.map(String).join(', ')}.`;
  }
  return `${where} ${at || 'the body'} ${error.message ?? 'is invalid'}.`;
}

/** The request parts a check reads (Fastify's parsed params, query and body). */
export interface RequestParts {
  params: unknown;
  query: unknown;
  body: unknown;
}

/**
 * Checks path, query and body against the operation; returns Pinterest's 400 message naming the field, or
 * undefined when valid (a promise of it only while Ajv loads, on the first API request). Query values are
 * coerced in place (`page_size=25` becomes 25; arrays are split on commas).
 */
export function checkRequest(
  operation: Operation,
  request: RequestParts,
): string | undefined | Promise<string | undefined> {
  if (!AjvClass) return loadAjv().then(() => checkLoaded(operation, request));
  return checkLoaded(operation, request);
}

function checkLoaded(operation: Operation, request: RequestParts): string | undefined {
  const validators = validatorsOf(operation);
  if (validators.path && !validators.path(request.params)) {
    return describe('Invalid parameter:', validators.path.errors?.[0]);
  }
  if (validators.query) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    for (const name of operation.deepObjectParams ?? NONE) {
      const prefix = `${name}[`;
      const object: Record<string, unknown> = {};
      for (const key of Object.keys(query)) {
        if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
        // `parameters[report][format]=CSV` nests: { report: { format: 'CSV' } }.
        const path = key.slice(prefix.length, -1).split('][');
        let node = object;
        for (const part of path.slice(0, -1)) {
          node[part] ??= {};
          node = node[part] as Record<string, unknown>;
        }
        node[path.at(-1) ?? ''] = query[key];
        delete query[key];
      }
      if (Object.keys(object).length > 0) query[name] = object;
    }
    for (const name of operation.arrayParams ?? NONE) {
      const value = query[name];
      if (typeof value === 'string') query[name] = value.split(',');
    }
    if (!validators.query(query)) return describe('Invalid parameter:', validators.query.errors?.[0]);
  }
  const body = operation.body;
  if (body && validators.body) {
    if (request.body === undefined || request.body === null || request.body === '') {
      if (body.required) return 'Missing request body';
      return undefined;
    }
    if (typeof request.body === 'string') {
      return body.type === 'json'
        ? 'Invalid request body: send JSON with content-type application/json.'
        : 'Invalid request body: send a form with content-type application/x-www-form-urlencoded.';
    }
    if (!validators.body(request.body)) return describe('Invalid request body:', validators.body.errors?.[0]);
  }
  return undefined;
}
