/**
 * Every operation of the spec, called the way a client would: a valid request sampled from the spec (ids
 * from the seed), then the same without a scope it needs, then with a broken body. Each answer's status must
 * be one the spec documents, and its body must validate against the spec (the client checks that).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOf } from '../scripts/spec-schema.mjs';
import { type PinterestMock, SCOPE_DESCRIPTIONS, SEED_USERS, startPinterestMock } from '../src/index.js';
import { api, basic, EVERY_SCOPE, http, login } from './support/client.js';
import { spec } from './support/openapi.js';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const definitions = spec.components.schemas as Record<string, unknown>;
const parameters = (spec.components as unknown as { parameters: Record<string, Parameter> }).parameters;
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({
    path,
    method: method.toUpperCase(),
    op: item[method] as unknown as Operation,
  })),
);

const ALICE = SEED_USERS[0];
const BOARD = ALICE?.boards?.[0]?.id ?? '';
/** Ids from the seed, by parameter or field name. */
const SEED_IDS: Record<string, string> = {
  board_id: BOARD,
  pin_id: ALICE?.boards?.[0]?.pins?.[0]?.id ?? '',
  section_id: '5100001000001',
  board_section_id: '5100001000001',
  ad_account_id: '549755885175',
  campaign_id: '626736533506',
  // The seeded ad account's ad group and ad: the first ads ids of the production range.
  ad_group_id: '700000000001',
  ad_id: '700000000002',
  campaign_ids: '626736533506',
  ad_group_ids: '700000000001',
  ad_ids: '700000000002',
  username: 'mock_alice',
};

let mock: PinterestMock;
beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});

const day = (offset: number) => new Date(mock.control.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Replaces ids and dates in a sampled value with ones from the seed and the mock clock. */
function fromSeed(value: unknown, name?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => fromSeed(item, name));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        // Slots only fit a carousel Pin; the seeded Pin is an image Pin.
        .filter(([key]) => key !== 'carousel_slots')
        .map(([key, child]) => [key, fromSeed(child, key)]),
    );
  }
  if (name && typeof value === 'string' && SEED_IDS[name]) return SEED_IDS[name];
  // The spec's example names ("Salads") are taken in the seed: names must be new.
  if (name === 'name' && typeof value === 'string') return `Made by the sweep ${value}`;
  if (name === 'start_date') return day(-7);
  if (name === 'end_date') return day(0);
  return value;
}

/** A valid request for the operation: path, query and body sampled from the spec. */
async function requestFor(path: string, op: Operation, token: string) {
  const params = (op.parameters ?? []).map((p) =>
    '$ref' in p ? parameters[p.$ref.split('/').pop() ?? ''] : p,
  );
  let url = `/v5${path}`;
  const query = new URLSearchParams();
  for (const param of params) {
    if (!param) continue;
    if (param.in === 'path') {
      let value = SEED_IDS[param.name];
      if (param.name === 'media_id') {
        value = (await api<{ media_id: string }>(mock, 'POST', '/v5/media', token, { media_type: 'video' }))
          .body.media_id;
      }
      value ??= String(fromSeed(sampleOf(param.schema, definitions), param.name));
      url = url.replace(`{${param.name}}`, encodeURIComponent(value));
    } else if (param.in === 'query' && param.required) {
      const value = fromSeed(sampleOf(param.schema, definitions), param.name);
      if ((param as { style?: string }).style === 'deepObject' && value && typeof value === 'object') {
        const flatten = (node: unknown, key: string): void => {
          if (node && typeof node === 'object' && !Array.isArray(node)) {
            for (const [child, inner] of Object.entries(node)) flatten(inner, `${key}[${child}]`);
          } else query.set(key, Array.isArray(node) ? node.join(',') : String(node));
        };
        flatten(value, param.name);
      } else {
        query.set(param.name, Array.isArray(value) ? value.join(',') : String(value));
      }
    }
  }
  // Its description asks for `ad_ids`, or `campaign_ids` with `pin_ids`, though the schema requires neither.
  if (op.operationId === 'ads/analytics') query.set('ad_ids', SEED_IDS.ad_id ?? '');
  const search = query.toString();
  const content = op.requestBody?.content;
  const [type, media] = content ? (Object.entries(content)[0] ?? []) : [];
  let body = media ? fromSeed(sampleOf(media.schema, definitions)) : undefined;
  // Batch updates of ads entities name the entity by `id`.
  const kind = /\/(campaigns|ad_groups|ads)$/.exec(path)?.[1];
  const entityIds: Record<string, string | undefined> = {
    campaigns: SEED_IDS.campaign_id,
    ad_groups: SEED_IDS.ad_group_id,
    ads: SEED_IDS.ad_id,
  };
  if (kind && Array.isArray(body)) body = body.map((item) => ({ ...item, id: entityIds[kind] }));
  return { url: search ? `${url}?${search}` : url, type, body };
}

const bearerOperations = operations.filter(({ op }) => op.security?.some((s) => s.pinterest_oauth2));

describe('the sweep: all 231 operations', () => {
  it('covers every operation of the spec', () => {
    expect(operations).toHaveLength(231);
  });

  it.each(bearerOperations.map((o) => [o.op.operationId, o] as const))(
    '%s: a valid request gets a documented status and a body valid for the spec',
    async (_id, { path, method, op }) => {
      mock.control.reset();
      const token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
      const { url, body } = await requestFor(path, op, token);
      const response = await api<{ code?: number; message?: string }>(mock, method, url, token, body);
      const documented = Object.keys(op.responses).filter((code) => code !== 'default');
      expect(documented, `${method} ${url} → ${response.status} ${response.text.slice(0, 300)}`).toContain(
        String(response.status),
      );
      expect(response.status, `${method} ${url} → ${response.text.slice(0, 300)}`).toBeLessThan(300);
    },
  );

  it.each(bearerOperations.map((o) => [o.op.operationId, o] as const))(
    '%s: without a scope it needs → 401 code 3 naming the scope',
    async (_id, { path, method, op }) => {
      mock.control.reset();
      const needed = op.security?.find((s) => s.pinterest_oauth2)?.pinterest_oauth2 ?? [];
      const missing = needed.at(-1) ?? '';
      const scopes = Object.keys(SCOPE_DESCRIPTIONS).filter((scope) => scope !== missing);
      const full = (await login(mock, { scope: EVERY_SCOPE })).access_token;
      const { url, body } = await requestFor(path, op, full);
      // Pinterest returns the union of every grant: start over so the app holds only the narrower set.
      mock.control.reset();
      const narrow = (await login(mock, { scope: scopes.join(',') })).access_token;
      const response = await api<{ code: number; message: string }>(mock, method, url, narrow, body);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe(3);
      expect(response.body.message).toContain(missing);
    },
  );

  const withJsonBody = bearerOperations.filter(({ op }) => op.requestBody?.content['application/json']);
  it.each(withJsonBody.map((o) => [o.op.operationId, o] as const))(
    '%s: a broken body → 400 code 1',
    async (_id, { path, method, op }) => {
      mock.control.reset();
      const token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
      const { url } = await requestFor(path, op, token);
      const schema = op.requestBody?.content['application/json']?.schema as Json;
      const resolved = (
        schema.$ref ? definitions[String(schema.$ref).split('/').pop() ?? ''] : schema
      ) as Json;
      const broken = resolved.type === 'array' ? { not: 'an array' } : 42;
      const response = await api<{ code: number; message: string }>(mock, method, url, token, broken);
      expect(response.status, response.text).toBe(400);
      expect(response.body.code).toBe(1);
      expect(response.body.message.length).toBeGreaterThan(10);
    },
  );

  it('marks answers that come from the spec, and only those', async () => {
    mock.control.reset();
    const token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
    const fromSpec = await api(mock, 'GET', '/v5/catalogs', token);
    expect(fromSpec.headers.get('x-pinterest-mock-source')).toBe('spec');
    const stateful = await api(mock, 'GET', '/v5/boards', token);
    expect(stateful.headers.get('x-pinterest-mock-source')).toBeNull();
    // Stable for the same request.
    expect((await api(mock, 'GET', '/v5/catalogs', token)).text).toBe(fromSpec.text);
  });

  it('oauth/token and token/revoke (Basic auth) answer documented statuses', async () => {
    mock.control.reset();
    const issued = await http<{ access_token: string }>(mock, 'POST', '/v5/oauth/token', {
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'boards:read' }).toString(),
    });
    expect(issued.status).toBe(200);
    const revoked = await http(mock, 'POST', '/v5/oauth/token/revoke', {
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: issued.body.access_token }).toString(),
    });
    const documented = Object.keys(spec.paths['/oauth/token/revoke']?.post?.responses as Json);
    expect(documented).toContain(String(revoked.status));
  });
});
