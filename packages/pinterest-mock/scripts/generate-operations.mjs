// Regenerates src/generated/operations.json from the facts-only spec in @kit/pinterest-spec: the mock's route
// table for all v5 operations (path, scopes, rate-limit category, request schemas, a schema-valid answer), so
// the published mock needs no spec at run time.
// Usage: node scripts/generate-operations.mjs [--check]
import { emit, readSpec } from '@kit/pinterest-spec/generated-file';
import { Ajv } from 'ajv';
import { sampleOf, toJsonSchema } from './spec-schema.mjs';

const spec = readSpec();
const schemas = spec.components.schemas;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolveParameter(parameter) {
  if (!parameter.$ref) return parameter;
  return spec.components.parameters[parameter.$ref.replace('#/components/parameters/', '')];
}

/** Whether a parameter's schema (a `$ref` followed) is a list. */
function isList(schema) {
  const resolved = schema?.$ref ? schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  return resolved?.type === 'array';
}

/** Names of every component schema a node reaches, transitively. */
function collectRefs(node, into) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return into;
  }
  if (!node || typeof node !== 'object') return into;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (!into.has(name)) {
      into.add(name);
      collectRefs(schemas[name], into);
    }
  }
  for (const value of Object.values(node)) collectRefs(value, into);
  return into;
}

// Ajv checks that each answer is valid for the operation's response schema before it goes in the table.
const ajv = new Ajv({ strict: false, allErrors: false, logger: false });
for (const format of ['int32', 'int64', 'float', 'double', 'password']) ajv.addFormat(format, true);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/);
ajv.addSchema({ definitions: toJsonSchema(schemas) }, 'openapi');
const rebase = (schema) =>
  JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"#/definitions/', '"openapi#/definitions/'));

function answerFor(operationId, schema) {
  const validate = ajv.compile(rebase(schema));
  for (const options of [
    {},
    { useExamples: false },
    { requiredOnly: true },
    { requiredOnly: true, useExamples: false },
  ]) {
    const body = sampleOf(schema, schemas, options);
    if (body !== undefined && validate(body)) return body;
  }
  throw new Error(
    `${operationId}: no sample validates against its response schema: ${ajv.errorsText(validate.errors)}`,
  );
}

/**
 * Request schemas check `oneOf` as `anyOf`: the spec's alternatives often overlap (two enums both listing
 * IMPRESSION), and Pinterest accepts a value that fits any of them.
 */
function lenient(node) {
  if (Array.isArray(node)) return node.map(lenient);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key === 'oneOf' ? 'anyOf' : key, lenient(value)]),
  );
}

const operations = [];
const requestRefs = new Set();
for (const [specPath, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveParameter);
    const group = (where) => {
      const list = parameters.filter((p) => p.in === where);
      if (list.length === 0) return undefined;
      const required = list.filter((p) => p.required).map((p) => p.name);
      return {
        type: 'object',
        properties: Object.fromEntries(list.map((p) => [p.name, lenient(toJsonSchema(p.schema ?? {}))])),
        ...(required.length > 0 ? { required } : {}),
      };
    };
    const path = group('path');
    const query = group('query');
    const arrays = parameters.filter((p) => p.in === 'query' && isList(p.schema)).map((p) => p.name);
    // Lists Pinterest takes as the parameter once per item (OpenAPI `style: form`, exploded by default); a list
    // with `explode: false` comes as one comma-separated value and a repeated one is a 400.
    const repeatable = parameters
      .filter((p) => p.in === 'query' && p.explode !== false && isList(p.schema))
      .map((p) => p.name);
    const deepObjects = parameters
      .filter((p) => p.in === 'query' && p.style === 'deepObject')
      .map((p) => p.name);
    collectRefs(parameters, requestRefs);
    let body;
    if (op.requestBody) {
      const [type, content] = Object.entries(op.requestBody.content)[0];
      collectRefs(content.schema, requestRefs);
      body = {
        type: type === 'application/json' ? 'json' : 'form',
        required: op.requestBody.required === true,
        schema: lenient(toJsonSchema(content.schema)),
      };
    }
    const security = op.security ?? [];
    const status = Number(Object.keys(op.responses).find((code) => code.startsWith('2')));
    const responseSchema = op.responses[status]?.content?.['application/json']?.schema;
    operations.push({
      id: op.operationId,
      method: method.toUpperCase(),
      path: `/v5${specPath.replace(/\{([^}]+)\}/g, ':$1')}`,
      category: op['x-ratelimit-category'],
      scopes: security.find((s) => s.pinterest_oauth2)?.pinterest_oauth2 ?? [],
      clientCredentials: security.some((s) => s.client_credentials),
      sandbox: op['x-sandbox'] === 'enabled',
      ...(path ? { pathSchema: path } : {}),
      ...(query ? { querySchema: query } : {}),
      ...(arrays.length > 0 ? { arrayParams: arrays } : {}),
      ...(repeatable.length > 0 ? { repeatableParams: repeatable } : {}),
      ...(deepObjects.length > 0 ? { deepObjectParams: deepObjects } : {}),
      ...(body ? { body } : {}),
      status,
      ...(responseSchema ? { answer: answerFor(op.operationId, responseSchema) } : {}),
    });
  }
}

const definitions = Object.fromEntries(
  [...requestRefs].sort().map((name) => [name, lenient(toJsonSchema(schemas[name]))]),
);
const table = { version: spec.info.version, operations, definitions };
emit(
  new URL('../src/generated/operations.json', import.meta.url),
  `${JSON.stringify(table)}\n`,
  `${operations.length} operations, ${Object.keys(definitions).length} request schemas`,
);
