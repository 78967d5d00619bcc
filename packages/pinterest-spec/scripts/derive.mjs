// Derives the facts-only copy of Pinterest's OpenAPI description kept in this package.
// Keeps the structure (paths, methods, parameters, schemas, enums, examples, security scopes,
// x-ratelimit-category) and drops Pinterest's prose: every `description` and `summary` keyword, the
// scope meanings, code samples and tag texts. Our docs say things in our own words.
//
// Usage: node scripts/derive.mjs <full openapi-v5.json>
//   writes openapi-v5.json beside this folder, then regenerates everything derived from it
//   (`pnpm --filter @kit/pinterest-spec derive /path/to/openapi-v5.json` from the repo root).
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Keywords whose values are Pinterest's prose, dropped wherever they are keywords (not property names). */
const PROSE = new Set(['description', 'summary', 'x-codeSamples', 'termsOfService']);
/** Maps whose keys are names chosen by the spec's authors (a property called `description` is a fact). */
const NAMED_MAPS = new Set([
  'properties',
  'paths',
  'schemas',
  'parameters',
  'responses',
  'securitySchemes',
  'mapping',
  'headers',
  'content',
  'requestBodies',
]);
/** Values that are data, kept as they are. */
const DATA = new Set(['example', 'examples', 'default', 'enum']);

/** @param {unknown} node @param {string | undefined} parentKey */
export function strip(node, parentKey) {
  if (Array.isArray(node)) return node.map((item) => strip(item, undefined));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  const named = parentKey !== undefined && NAMED_MAPS.has(parentKey);
  for (const [key, value] of Object.entries(node)) {
    if (!named && PROSE.has(key)) continue;
    if (!named && DATA.has(key)) {
      out[key] = key === 'examples' ? dropExampleProse(value) : value;
      continue;
    }
    // A `parameters` list in an operation is an array; as a components map its keys are names.
    out[key] = strip(value, named ? undefined : key);
  }
  return out;
}

/** A media type's `examples` map: keep each example's value, drop its summary and description. */
function dropExampleProse(examples) {
  if (examples === null || typeof examples !== 'object' || Array.isArray(examples)) return examples;
  return Object.fromEntries(
    Object.entries(examples).map(([name, example]) => {
      if (example === null || typeof example !== 'object' || !('value' in example)) return [name, example];
      const { summary: _summary, description: _description, ...rest } = example;
      return [name, rest];
    }),
  );
}

/** @param {any} full */
export function derive(full) {
  const spec = strip(full, undefined);
  // Scope meanings are prose too: keep the 19 names, with our own words in scope-meanings.json.
  for (const flow of Object.values(spec.components.securitySchemes.pinterest_oauth2.flows)) {
    flow.scopes = Object.fromEntries(Object.keys(flow.scopes).map((name) => [name, '']));
  }
  if (Array.isArray(spec.tags)) spec.tags = spec.tags.map((tag) => ({ name: tag.name }));
  return spec;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv[2];
  if (!source) {
    console.error("usage: node scripts/derive.mjs <path to Pinterest's full openapi-v5.json>");
    process.exit(2);
  }
  let full;
  try {
    full = JSON.parse(readFileSync(source, 'utf8'));
  } catch (error) {
    console.error(
      `derive: cannot read ${source} as JSON (${error.message}). Pass the path of Pinterest's openapi-v5.json.`,
    );
    process.exit(1);
  }
  if (!full?.openapi || !full?.paths || !full?.components?.securitySchemes?.pinterest_oauth2) {
    console.error(
      `derive: ${source} is not Pinterest's OpenAPI description (no openapi/paths/pinterest_oauth2).`,
    );
    process.exit(1);
  }
  const target = fileURLToPath(new URL('../openapi-v5.json', import.meta.url));
  writeFileSync(`${target}.tmp`, `${JSON.stringify(derive(full), null, 1)}\n`);
  renameSync(`${target}.tmp`, target);
  console.log(`derive: wrote openapi-v5.json (${full.info.version})`);
  // Everything derived from the spec, regenerated in turn.
  const all = fileURLToPath(new URL('./generate-all.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [all], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
