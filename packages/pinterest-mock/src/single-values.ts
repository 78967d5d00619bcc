/**
 * Pinterest answers 400 when a parameter comes twice, so the mock does too — on every route, whatever carries
 * the parameter: the query string, a form body or a JSON body (a key repeated in one object). One hook and
 * one JSON parser on the root instance cover every route, including routes added later.
 *
 * A v5 operation whose spec declares a query parameter as an exploded list (OpenAPI `style: form`, `explode`
 * not false) accepts that parameter repeated; a list with `explode: false` must come as one comma-separated value.
 *
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A client error the scope's error handler turns into that scope's 400 body. */
function badRequest(message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode: 400 });
}

/** The query parameters of the request's v5 operation that may repeat (none on other routes). */
function repeatable(request: FastifyRequest): Set<string> {
  const config = request.routeOptions.config as { operation?: { repeatableParams?: string[] } } | undefined;
  return new Set(config?.operation?.repeatableParams ?? []);
}

function repeatedIn(values: unknown, allowed: Set<string>): string[] {
  if (!values || typeof values !== 'object') return [];
  return Object.entries(values)
    .filter(([name, value]) => Array.isArray(value) && !allowed.has(name))
    .map(([name]) => name);
}

function describe(names: string[], where: string): string {
  const list = names.join(', ');
  return names.length === 1
    ? `The ${where} parameter ${list} is repeated; send it once.`
    : `The ${where} parameters ${list} are repeated; send each once.`;
}

/**
 * The first key that appears twice in one object of `text` (already known to be valid JSON), decoded
 * (`"a"` and `"\u0061"` are one key); `undefined` when there is none.
 */
export function repeatedJsonKey(text: string): string | undefined {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open.at(-1);
      if (expectingKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (c === '{') {
      open.push(new Set());
      expectingKey = true;
    } else if (c === '[') {
      open.push(null);
      expectingKey = false;
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      expectingKey = open.at(-1) instanceof Set;
    }
  }
  return undefined;
}

/** Keys that would set an object's prototype when merged (the protection Fastify's own parser gives). */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (
    key === '__proto__' ||
    (key === 'constructor' && value && typeof value === 'object' && 'prototype' in value)
  ) {
    throw badRequest(`The JSON body may not hold the key "${key}".`);
  }
  return value;
}

/** Installs the hook and the JSON parser on the root instance (call before registering routes). */
export function refuseRepeatedParameters(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(badRequest('The body is empty but its content-type is JSON.'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, refusePrototypeKeys);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 400) return done(error as Error);
      return done(badRequest(`The body is not valid JSON: ${(error as Error).message}`));
    }
    const key = repeatedJsonKey(text);
    if (key !== undefined) {
      return done(badRequest(`The JSON key ${JSON.stringify(key)} is repeated in one object; send it once.`));
    }
    done(null, parsed);
  });

  app.addHook('preValidation', async (request) => {
    const inQuery = repeatedIn(request.query, repeatable(request));
    if (inQuery.length > 0) throw badRequest(describe(inQuery, 'query'));
    const type = request.headers['content-type'] ?? '';
    if (type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      const inForm = repeatedIn(request.body, new Set());
      if (inForm.length > 0) throw badRequest(describe(inForm, 'form'));
    }
  });
}
