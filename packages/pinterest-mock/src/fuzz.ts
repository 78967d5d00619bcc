/**
 * `@kit/pinterest-mock/fuzz`: seeded generators of malformed HTTP requests, for fuzz tests of any HTTP
 * surface — the mock's own and the apps that talk to it. A request is plain data (method, URL, headers,
 * body) to send with Fastify's `inject()` or over loopback; the same seed gives the same requests, so a
 * failure is replayed by setting the seed again.
 *
 * @example
 * const seed = fuzzSeed(); // FUZZ_SEED from the environment, else a fresh one
 * console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`);
 * for (const request of malformedRequests(seed, 1000, [{ method: 'GET', path: '/auth/callback', query: ['code', 'state'] }])) {
 *   const response = await app.inject(request);
 *   expect(response.statusCode).toBeLessThan(500);
 * }
 *
 * @module
 */

/** Where a surface's parameters live and what a well-formed request looks like. */
export interface FuzzRoute {
  method: string;
  /** Path; `:name` segments are filled with generated values. */
  path: string;
  /** Query parameter names the route reads. */
  query?: string[];
  /** Form (`application/x-www-form-urlencoded`) body parameter names. */
  form?: string[];
  /** JSON body property names. */
  json?: string[];
  /** Headers every request to this route carries (a session cookie, a bearer token…), unless dropped. */
  headers?: Record<string, string>;
  /** Well-formed values of some parameters (the live `state`…), used instead of generic ones, so that
   * requests get past the first check and reach deeper code. */
  values?: Record<string, readonly string[]>;
}

/** One generated request, ready for `inject()`. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Which mutations made it, for the failure message. */
  mutations: string[];
}

/** A deterministic pseudo-random source (splitmix32): not for secrets, only for replayable test input. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** A {@link Random} from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(items.length)] as T,
    chance: (p) => next() < p,
  };
}

/**
 * The seed to use: `FUZZ_SEED` from `env` when set (an integer; anything else is refused), else a fresh one.
 * Print it with the test's output so that a failure can be replayed.
 */
export function fuzzSeed(env: Record<string, string | undefined> = process.env): number {
  const given = env.FUZZ_SEED;
  if (given === undefined || given === '') return Math.floor(Math.random() * 4_294_967_296);
  if (!/^\d{1,10}$/.test(given) || Number(given) > 4_294_967_295) {
    throw new TypeError(`FUZZ_SEED must be an integer from 0 to 4294967295 (got "${given}").`);
  }
  return Number(given);
}

/** Values that are wrong in a way parsers trip on: encodings, lengths, types, prototypes. */
const NASTY_VALUES = [
  '',
  '%',
  '%zz',
  '%E0%A4',
  '%C0%AF',
  '%ED%A0%80',
  '%00',
  '%0d%0aSet-Cookie:%20x=1',
  '%FF%FE',
  '%C4%80',
  '%F0%9F%98%80',
  '..%2F..%2F',
  '%2F%2Fevil.example',
  'https%3A%2F%2Fevil.example',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  '[]',
  '{}',
  '-1',
  '1e400',
  'NaN',
  '0x10',
  '+',
  ' ',
  '%20',
  '\\',
  '"',
  "'",
  '<script>',
] as const;

const WRONG_TYPES = [
  'text/plain',
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'application/json;;;',
  'x',
  '',
] as const;

const JSON_BODIES = [
  '',
  'null',
  '[]',
  '1',
  '"x"',
  'true',
  '{',
  '{"a":',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":1,"a":2}',
  '\ufeff{}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
] as const;

function nastyValue(random: Random): string {
  const kind = random.int(4);
  if (kind === 0) return random.pick(NASTY_VALUES);
  if (kind === 1) return 'x'.repeat(random.pick([257, 1025, 2049, 8193, 65_537]));
  if (kind === 2) return encodeURIComponent(String.fromCharCode(random.int(0x3000)));
  return `${random.pick(NASTY_VALUES)}${random.pick(NASTY_VALUES)}`;
}

/** A plausible value, percent-encoded, so that not every request fails at the first parameter. */
function plainValue(random: Random, known?: readonly string[]): string {
  if (known && known.length > 0 && random.chance(0.7)) return encodeURIComponent(random.pick(known));
  return random.pick(['1', 'abc', '1000000000000000001', 'boards:read', 'code', 'x_y-z', '25']);
}

function fillPath(path: string, random: Random, mutations: string[]): string {
  return path.replace(/:[A-Za-z_]+/g, () => {
    if (random.chance(0.5)) return plainValue(random);
    mutations.push('nasty path segment');
    return random.pick(['%2F', '..', '%2e%2e', '%00', 'x'.repeat(5000), '%zz', '%C0%AF', '-1', '%20']);
  });
}

/** Parameters as name=value pairs, with some repeated, dropped, invented, over-long or badly encoded. */
function mangledPairs(
  names: readonly string[],
  random: Random,
  mutations: string[],
  values: Record<string, readonly string[]> = {},
): string {
  const pairs: string[] = [];
  for (const name of names) {
    if (random.chance(0.25)) {
      mutations.push(`missing ${name}`);
      continue;
    }
    const value = random.chance(0.4) ? nastyValue(random) : plainValue(random, values[name]);
    pairs.push(`${name}=${value}`);
    if (random.chance(0.2)) {
      mutations.push(`repeated ${name}`);
      pairs.push(`${name}=${random.chance(0.5) ? value : plainValue(random, values[name])}`);
    }
  }
  if (random.chance(0.2)) {
    mutations.push('extra parameters');
    for (let i = random.int(3) + 1; i > 0; i--) {
      pairs.push(
        random.pick([
          '__proto__[x]=1',
          'constructor[prototype][x]=1',
          'a[]=1',
          `${nastyValue(random)}=1`,
          '=',
          '&&&',
          'x',
        ]),
      );
    }
  }
  if (random.chance(0.05)) {
    mutations.push('2000 parameters');
    for (let i = 0; i < 2000; i++) pairs.push(`p${i}=${i}`);
  }
  return pairs.join(random.chance(0.05) ? ';' : '&');
}

/**
 * `count` malformed requests spread over `routes`, from `seed`. Each request breaks the route's expectations
 * in one or more ways: parameters repeated, missing, over-long or wrongly percent-encoded; the body in a
 * wrong content type, malformed, empty or huge; headers (cookies, authorization, origin) garbled or dropped.
 */
export function* malformedRequests(
  seed: number,
  count: number,
  routes: readonly FuzzRoute[],
): Generator<FuzzRequest> {
  if (routes.length === 0) throw new TypeError('malformedRequests needs at least one route.');
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const route = random.pick(routes);
    const mutations: string[] = [];
    let method = route.method;
    if (random.chance(0.08)) {
      mutations.push('other method');
      method = random.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
    }
    let url = fillPath(route.path, random, mutations);
    const query = mangledPairs(route.query ?? [], random, mutations, route.values);
    if (query !== '' || random.chance(0.1)) url += `?${query}`;
    if (random.chance(0.05)) {
      mutations.push('over-long URL');
      url += `${url.includes('?') ? '&' : '?'}pad=${'y'.repeat(random.pick([4096, 16_384, 60_000]))}`;
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(route.headers ?? {})) {
      if (random.chance(0.15)) {
        mutations.push(`dropped ${name}`);
      } else if (random.chance(0.1)) {
        mutations.push(`garbled ${name}`);
        headers[name] = random.pick([
          `${value}; ${value}`,
          value.slice(0, value.length >> 1),
          `${value}%zz`,
          'x'.repeat(8000),
          '=;=;',
          ' ',
        ]);
      } else {
        headers[name] = value;
      }
    }
    if (random.chance(0.1)) {
      mutations.push('foreign origin');
      headers.origin = random.pick(['https://evil.example', 'null', 'http://localhost', '%zz']);
      headers['sec-fetch-site'] = random.pick(['cross-site', 'same-site', 'same-origin', 'none', 'x']);
    }

    let body: string | Buffer | undefined;
    const formNames = route.form ?? [];
    const jsonNames = route.json ?? [];
    if (formNames.length > 0 || jsonNames.length > 0 || random.chance(0.1)) {
      const shape = random.int(6);
      if (shape === 0 && formNames.length > 0) {
        body = mangledPairs(formNames, random, mutations, route.values);
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (shape === 1 && jsonNames.length > 0) {
        const object: Record<string, unknown> = {};
        for (const name of jsonNames) {
          if (random.chance(0.25)) mutations.push(`missing ${name}`);
          else object[name] = random.pick([nastyValue(random), 1, -1, null, true, [], {}, ['x'], 1e308]);
        }
        body = JSON.stringify(object);
        headers['content-type'] = 'application/json';
        mutations.push('JSON of wrong types');
      } else if (shape === 2) {
        body = random.pick(JSON_BODIES);
        headers['content-type'] = 'application/json';
        mutations.push('malformed JSON');
      } else if (shape === 3) {
        mutations.push('wrong content type');
        body = random.chance(0.5) ? mangledPairs([...formNames, ...jsonNames], random, mutations) : '{"a":1}';
        const type = random.pick(WRONG_TYPES);
        if (type !== '') headers['content-type'] = type;
      } else if (shape === 4) {
        mutations.push('huge body');
        body = Buffer.alloc(random.pick([20_000, 200_000, 2_000_000]), 0x61);
        headers['content-type'] = random.pick([
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain',
        ]);
      } else {
        mutations.push('bytes that are not UTF-8');
        body = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x00]);
        headers['content-type'] = random.pick(['application/json', 'application/x-www-form-urlencoded']);
      }
      if (method === 'GET' || method === 'HEAD') {
        // A GET body is legal but unusual; keep most GETs bodiless so the query mutations get through.
        if (random.chance(0.8)) {
          body = undefined;
          delete headers['content-type'];
        } else {
          mutations.push('GET with a body');
        }
      }
    }
    if (mutations.length === 0) mutations.push('plain values only');
    yield { method, url, headers, ...(body === undefined ? {} : { body }), mutations };
  }
}
