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

type RepeatableOperation = { repeatableParams?: string[] };
const NOTHING_REPEATS: ReadonlySet<string> = new Set();
const repeatableSets = new WeakMap<RepeatableOperation, ReadonlySet<string>>();

/** The query parameters of the request's v5 operation that may repeat (none on other routes), built once. */
function repeatable(request: FastifyRequest): ReadonlySet<string> {
  const operation = (request.routeOptions.config as { operation?: RepeatableOperation } | undefined)
    ?.operation;
  if (!operation?.repeatableParams) return NOTHING_REPEATS;
  let names = repeatableSets.get(operation);
  if (!names) {
    names = new Set(operation.repeatableParams);
    repeatableSets.set(operation, names);
  }
  return names;
}

/** Names whose value came as a list (the parameter was repeated) and may not; undefined when none. */
function repeatedIn(values: unknown, allowed: ReadonlySet<string>): string[] | undefined {
  if (!values || typeof values !== 'object') return undefined;
  let repeated: string[] | undefined;
  for (const name of Object.keys(values)) {
    if (Array.isArray((values as Record<string, unknown>)[name]) && !allowed.has(name)) {
      repeated ??= [];
      repeated.push(name);
    }
  }
  return repeated;
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
  let top: Set<string> | null | undefined;
  let expectingKey = false;
  // Most bodies hold no escape at all: then every key is the text between its quotes.
  const anyEscape = text.includes('\\');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (expectingKey && top) {
        const key =
          anyEscape && hasBackslash(text, i + 1, end)
            ? (JSON.parse(text.slice(i, end + 1)) as string)
            : text.slice(i + 1, end);
        if (top.has(key)) return key;
        top.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      top = new Set();
      open.push(top);
      expectingKey = true;
    } else if (c === OPEN_ARRAY) {
      top = null;
      open.push(top);
      expectingKey = false;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      open.pop();
      top = open.at(-1);
    } else if (c === COMMA) {
      expectingKey = top instanceof Set;
    }
  }
  return undefined;
}

/** Index of the quote that closes the JSON string opening at `start` (one after an even run of backslashes). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

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

/** Whether `text` could hold a `__proto__` or `constructor` key, literally or with `\\u` escapes. */
function mayHoldPrototypeKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

/** Installs the hook and the JSON parser on the root instance (call before registering routes). */
export function refuseRepeatedParameters(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(badRequest('The body is empty but its content-type is JSON.'));
    let parsed: unknown;
    try {
      // A reviver slows every parse down; a body that cannot spell either key (not even escaped) needs none.
      parsed = mayHoldPrototypeKey(text) ? JSON.parse(text, refusePrototypeKeys) : JSON.parse(text);
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

  // A callback hook: it runs on every request, and a promise per request is not free.
  app.addHook('preValidation', (request, _reply, done) => {
    const inQuery = repeatedIn(request.query, repeatable(request));
    if (inQuery) return done(badRequest(describe(inQuery, 'query')));
    const type = request.headers['content-type'];
    if (type?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      const inForm = repeatedIn(request.body, NOTHING_REPEATS);
      if (inForm) return done(badRequest(describe(inForm, 'form')));
    }
    done();
  });
}
