/**
 * Validates response bodies against Pinterest's OpenAPI description: the facts-only copy kept in
 * `@kit/pinterest-spec` (the repository's one copy of the spec).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { toJsonSchema } from '../../scripts/spec-schema.mjs';

type Json = Record<string, unknown>;

/** Path of the spec inside the workspace package `@kit/pinterest-spec`. */
export const SPEC_PATH = createRequire(import.meta.url).resolve('@kit/pinterest-spec/openapi-v5.json');

export const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats ships CommonJS: its default export arrives wrapped under `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (instance: Ajv) => void;
addFormats(ajv);
// OpenAPI's numeric formats only restate the type; "password" is a UI hint.
for (const format of ['int32', 'int64', 'float', 'double', 'password']) ajv.addFormat(format, true);
// Pinterest sends date-times without a zone ("2022-10-13T01:40:29"); accept that, reject anything else.
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/);
ajv.addSchema({ definitions: toJsonSchema(spec.components.schemas) as Json }, 'openapi');

const compiled = new Map<string, ValidateFunction>();

function rebase(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(toJsonSchema(schema)).replaceAll('"#/definitions/', '"openapi#/definitions/'),
  );
}

/** The spec path template matching a request path (without `/sandbox` and `/v5`), e.g. `/boards/{board_id}`. */
export function findOperationPath(path: string): string | undefined {
  const segments = path.split('/');
  for (const template of Object.keys(spec.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    if (parts.every((part, i) => part === segments[i] || (part.startsWith('{') && part.endsWith('}')))) {
      // Prefer a literal match (`/oauth/token`) over a template (`/pins/{pin_id}`).
      if (template === path) return template;
      if (!spec.paths[path]) return template;
    }
  }
  return undefined;
}

/** The operation of `method` + `apiPath` (a path under /v5), or undefined. */
export function findOperation(method: string, apiPath: string): Json | undefined {
  const template = findOperationPath(apiPath);
  return template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
}

/**
 * Throws when `body` does not match the response schema of the operation for `status` (or `default`).
 * `fullPath` is the request path, e.g. `/sandbox/v5/boards/123`.
 */
export function assertMatchesSpec(
  method: string,
  fullPath: string,
  status: number,
  body: unknown,
  text: string,
): void {
  const apiPath = fullPath.replace(/^\/sandbox/, '').replace(/^\/v5/, '');
  const template = findOperationPath(apiPath);
  const operation = template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
  if (!template || !operation) {
    throw new Error(`spec check: ${method} ${fullPath} is not an operation in openapi-v5.json`);
  }
  const responses = operation.responses as Record<string, Json>;
  const response = responses[String(status)] ?? responses.default;
  if (!response) throw new Error(`spec check: ${method} ${template} has no response ${status} nor default`);
  const content = response.content as Record<string, { schema: unknown }> | undefined;
  const schema = content?.['application/json']?.schema;
  if (!schema) {
    if (text !== '')
      throw new Error(`spec check: ${method} ${template} ${status} has no body in the spec, got: ${text}`);
    return;
  }
  const key = `${method} ${template} ${responses[String(status)] ? status : 'default'}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(schema) as Json);
    compiled.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `spec check: ${key} does not match openapi-v5.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\nbody: ${text.slice(0, 500)}`,
    );
  }
}
