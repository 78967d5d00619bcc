/**
 * The query string of one v5 call, serialised the way the spec says for each parameter (OpenAPI 3
 * [§4.8.12.4](https://spec.openapis.org/oas/v3.0.3#style-values), whose `form` style is
 * [RFC 6570 §3.2.8](https://www.rfc-editor.org/rfc/rfc6570#section-3.2.8)): a list with `explode: false` as one
 * comma-separated value (`metric_types=IMPRESSION,SAVE`; Pinterest answers 400 to the repeated form), an exploded
 * list as the parameter once per item, a `deepObject` as `name[key]=value`. The styles come from the spec at
 * build time (`src/generated/query-styles.ts`).
 *
 * @module
 */
import { PinterestAuthError } from './errors.js';
import { QUERY_STYLES, type QueryStyle } from './generated/query-styles.js';

type Scalar = string | number | boolean | bigint;

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  typeof value === 'bigint';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

function invalid(operation: string, name: string, problem: string, hint: string): PinterestAuthError {
  return new PinterestAuthError('INVALID_ARGUMENT', `Query parameter "${name}" of ${operation} ${problem}`, {
    hint,
  });
}

const describe = (value: unknown) =>
  Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;

/** `name=value` pairs of a `deepObject`, nested objects as `name[a][b]=value`. */
function deepPairs(operation: string, name: string, value: unknown, into: [string, string][]): void {
  if (!isPlainObject(value)) {
    throw invalid(
      operation,
      name,
      `is an object sent as ${name}[key]=value (the spec's style deepObject), got ${describe(value)}.`,
      `Pass an object, e.g. { ${name}: { key: 'value' } }.`,
    );
  }
  for (const [key, item] of Object.entries(value)) {
    const path = `${name}[${key}]`;
    if (item === undefined || item === null) continue;
    if (isPlainObject(item)) deepPairs(operation, path, item, into);
    else if (isScalar(item)) into.push([path, String(item)]);
    else {
      throw invalid(
        operation,
        name,
        `cannot carry ${describe(item)} at ${path}: a deepObject holds only strings, numbers, booleans and objects.`,
        `Pass a single value at ${path}.`,
      );
    }
  }
}

/** The items of a list parameter (a single value counts as a one-item list). */
function listItems(operation: string, name: string, style: QueryStyle, value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (!isScalar(item)) {
      throw invalid(
        operation,
        name,
        `is a list of single values, got ${describe(item)} in it.`,
        'Pass an array of strings or numbers.',
      );
    }
    const text = String(item);
    if (style === 'comma' && text.includes(',')) {
      throw invalid(
        operation,
        name,
        `is sent as one comma-separated value (the spec's style form, explode false), so an item cannot contain a comma (got ${JSON.stringify(text)}).`,
        `Pass each item separately: ${name}: [${text
          .split(',')
          .map((part) => JSON.stringify(part.trim()))
          .join(', ')}].`,
      );
    }
    return text;
  });
}

/**
 * The query string (without `?`, empty when there is nothing to send) of `method template` with `query`.
 * `undefined` and `null` values, and empty lists, are left out
 * ([RFC 6570 §2.3](https://www.rfc-editor.org/rfc/rfc6570#section-2.3): an empty list is undefined).
 *
 * @throws {PinterestAuthError} `INVALID_ARGUMENT` when a value does not fit its parameter (a list where the spec
 *   has a single value, an object outside a deepObject, a comma inside an item of a comma-separated list).
 */
export function queryString(
  method: string,
  template: string,
  query: Record<string, unknown> | undefined,
): string {
  const operation = `${method} ${template}`;
  const styles = QUERY_STYLES[operation] ?? {};
  const pairs: string[] = [];
  const pair = (name: string, value: string) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    const style = Object.hasOwn(styles, name) ? styles[name] : undefined;
    if (style === 'deep') {
      const deep: [string, string][] = [];
      deepPairs(operation, name, value, deep);
      for (const [key, text] of deep) pairs.push(pair(key, text));
    } else if (style === 'comma' || style === 'repeat') {
      const items = listItems(operation, name, style, value);
      if (items.length === 0) continue;
      // The delimiter comma stays literal; a comma inside an item would have been refused above.
      if (style === 'comma')
        pairs.push(`${encodeURIComponent(name)}=${items.map(encodeURIComponent).join(',')}`);
      else for (const item of items) pairs.push(pair(name, item));
    } else if (isScalar(value)) {
      pairs.push(pair(name, String(value)));
    } else {
      throw invalid(
        operation,
        name,
        `takes a single value in the spec, got ${describe(value)}.`,
        'Pass a string, number or boolean (only the parameters the spec declares as lists take arrays).',
      );
    }
  }
  return pairs.join('&');
}
