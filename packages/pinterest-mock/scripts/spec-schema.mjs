// OpenAPI 3.0 schemas → JSON Schema (draft-07, for Ajv), and deterministic sample values drawn from them.
// Shared by the route-table generator and the mock's sweep test, so both read the spec the same way.

/**
 * Converts an OpenAPI 3.0 schema: `nullable` becomes a `null` alternative, `$ref`s point at `#/definitions/`,
 * boolean exclusive bounds become numeric ones, prose-free keywords of OpenAPI only (`example`, `x-…`,
 * `discriminator`) are dropped; a discriminator `mapping` also applies the mapped schema.
 * @param {unknown} node
 * @returns {unknown}
 */
export function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator' || key === 'example' || key.startsWith('x-')) continue;
    if (key === 'readOnly' || key === 'writeOnly' || key === 'deprecated') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', '#/definitions/');
      continue;
    }
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
      continue;
    }
    out[key] = toJsonSchema(value);
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true) out[flag] = out[bound];
      else delete out[flag];
      if (node[flag] === true) delete out[bound];
    }
  }
  if (Array.isArray(out.enum)) out.enum = [...new Set(out.enum)];
  let result = out;
  if (node.nullable === true) {
    if (typeof out.type === 'string' && !out.allOf && !out.$ref && !out.oneOf) {
      result = { ...out, type: [out.type, 'null'] };
      if (Array.isArray(out.enum)) result.enum = [...new Set([...out.enum, null])];
    } else {
      result = { anyOf: [out, { type: 'null' }] };
    }
  }
  const discriminator = node.discriminator;
  if (discriminator?.mapping && (node.oneOf || node.anyOf)) {
    // Branches that only the discriminator tells apart would all match a `oneOf`: choose by the mapping.
    delete result.oneOf;
    delete result.anyOf;
  }
  if (discriminator?.mapping) {
    const branches = Object.entries(discriminator.mapping).map(([value, ref]) =>
      Object.fromEntries([
        [
          'if',
          {
            properties: { [discriminator.propertyName]: { const: value } },
            required: [discriminator.propertyName],
          },
        ],
        ['then', { $ref: ref.replace('#/components/schemas/', '#/definitions/') }],
      ]),
    );
    result = { allOf: [result, ...branches] };
  }
  return result;
}

const PATTERN_CANDIDATES = [
  '1234567890',
  '123',
  'abc',
  'ABC',
  'a1',
  'AB',
  'US',
  'en',
  '#e60023',
  'https://example.com/',
];

function stringFor(schema, name) {
  if (schema.format === 'date') return '2024-02-01';
  if (schema.format === 'date-time') return '2024-02-01T12:00:00';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/';
  if (schema.format === 'email') return 'mock@example.com';
  let value = /(^|_)id$/.test(name ?? '')
    ? '1234567890'
    : /url$/.test(name ?? '')
      ? 'https://example.com/'
      : 'string';
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    if (!pattern.test(value)) value = PATTERN_CANDIDATES.find((c) => pattern.test(c)) ?? value;
  }
  if (schema.minLength && value.length < schema.minLength) value = value.padEnd(schema.minLength, '0');
  if (schema.maxLength !== undefined && value.length > schema.maxLength)
    value = value.slice(0, schema.maxLength);
  return value;
}

function numberFor(schema) {
  let value =
    schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1);
  if (schema.maximum !== undefined && value > schema.maximum) value = schema.maximum;
  return value;
}

/** Merges the samples of two `allOf` parts: objects key by key, arrays item by item. */
function deepMerge(a, b) {
  if (b === undefined) return a;
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => deepMerge(a[i], b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out = { ...a };
    for (const [key, value] of Object.entries(b)) out[key] = key in a ? deepMerge(a[key], value) : value;
    return out;
  }
  return a === undefined ? b : a;
}

/**
 * A deterministic value valid for an OpenAPI schema (the spec's own `example`s where `useExamples`), or
 * `undefined` where recursion stops it. `definitions` are the spec's `components.schemas`.
 * @param {any} schema
 * @param {Record<string, any>} definitions
 * @param {{ useExamples?: boolean, requiredOnly?: boolean, maxDepth?: number }} [options]
 */
export function sampleOf(schema, definitions, options = {}) {
  const { useExamples = true, requiredOnly = false, maxDepth = 16 } = options;
  // Below this depth only required properties are sampled, so deep schemas stay small.
  const optionalDepth = 4;
  const walk = (node, depth, trail, name, alsoRequired = []) => {
    if (!node || typeof node !== 'object') return undefined;
    if (node.$ref) {
      const ref = node.$ref.replace('#/components/schemas/', '');
      if (trail.includes(ref) || depth > maxDepth) return undefined;
      // Siblings of a `$ref` may add `required` names (`{$ref: X, required: [em]}`).
      return walk(definitions[ref], depth + 1, [...trail, ref], name, [
        ...alsoRequired,
        ...(node.required ?? []),
      ]);
    }
    if (useExamples && node.example !== undefined) return structuredClone(node.example);
    if (node.enum) return node.enum.find((value) => value !== null) ?? null;
    if (node.allOf) {
      // The node's own properties are one more part; a part may require what another defines.
      const { allOf, ...own } = node;
      const parts = own.properties || own.required ? [...allOf, own] : allOf;
      const requiredOf = (part) =>
        part.$ref
          ? (definitions[part.$ref.replace('#/components/schemas/', '')]?.required ?? [])
          : (part.required ?? []);
      const required = [...alsoRequired, ...parts.flatMap(requiredOf)];
      let merged;
      for (const part of parts) {
        const value = walk(part, depth + 1, trail, name, required);
        merged = merged === undefined ? value : deepMerge(merged, value);
      }
      return merged;
    }
    const choices = node.oneOf ?? node.anyOf;
    if (choices) {
      const mapping = node.discriminator?.mapping ?? {};
      if (node.properties && !node.discriminator) {
        // Alternatives that only add constraints (`anyOf: [{required: [em]}, …]`) to the node's own properties.
        const { oneOf: _o, anyOf: _a, ...own } = node;
        const first = choices[0] ?? {};
        return deepMerge(
          walk(own, depth + 1, trail, name, [...alsoRequired, ...(first.required ?? [])]),
          walk(first, depth + 1, trail, name),
        );
      }
      for (const choice of choices) {
        const value = walk(choice, depth + 1, trail, name);
        if (value === undefined) continue;
        // A discriminated branch carries its own mapping key, so exactly one branch matches.
        const key = Object.keys(mapping).find((k) => mapping[k] === choice.$ref);
        if (key !== undefined && value && typeof value === 'object')
          value[node.discriminator.propertyName] = key;
        return value;
      }
      return node.nullable ? null : undefined;
    }
    const type = node.type ?? (node.properties ? 'object' : node.items ? 'array' : undefined);
    if (type === 'object') {
      const out = {};
      const required = new Set([...(node.required ?? []), ...alsoRequired]);
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if ((requiredOnly || depth > optionalDepth) && !required.has(key)) continue;
        const value = walk(child, depth + 1, trail, key);
        if (value !== undefined) out[key] = value;
        else if (required.has(key)) return undefined;
      }
      return out;
    }
    if (type === 'array') {
      const item = walk(node.items, depth + 1, trail, name);
      if (item === undefined) return [];
      return Array.from({ length: Math.max(1, node.minItems ?? 1) }, () => structuredClone(item));
    }
    if (type === 'string') return stringFor(node, name);
    if (type === 'integer' || type === 'number') return numberFor(node);
    if (type === 'boolean') return true;
    return node.nullable ? null : {};
  };
  return walk(schema, 0, [], undefined);
}
