import { describe, expect, it } from 'vitest';
import {
  API_GROUPS,
  apiGroup,
  callFor,
  operationsByTag,
  operationTitle,
  readOpenApi,
  typeOf,
  words,
} from './api-spec.ts';

const spec = readOpenApi();
const byTag = operationsByTag(spec);
const all = [...byTag.values()].flat();

describe('the generated API reference', () => {
  it('covers every operation of the spec exactly once, in a group', () => {
    let count = 0;
    for (const item of Object.values(spec.paths))
      for (const m of ['get', 'post', 'put', 'patch', 'delete']) if (m in item) count++;
    expect(all.length).toBe(count);
    const listed: string[] = API_GROUPS.flatMap((g) => [...g.tags]);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...byTag.keys()].filter((t) => !listed.includes(t))).toEqual([]);
    const inGroups = API_GROUPS.flatMap((g) => apiGroup(spec, g.slug).tags.flatMap((t) => t.operations));
    expect(inGroups.length).toBe(count);
  });

  it('reads an operation’s facts: scopes, category, sandbox, parameters, paged response', () => {
    const op = all.find((o) => o.operationId === 'boards/list_pins');
    expect(op).toBeDefined();
    expect(op?.method).toBe('GET');
    expect(op?.path).toBe('/boards/{board_id}/pins');
    expect(op?.scopes).toEqual(['boards:read', 'pins:read']);
    expect(op?.category).toBe('org_read');
    expect(op?.sandbox).toBe('enabled');
    const pageSize = op?.parameters.find((p) => p.name === 'page_size');
    expect(pageSize).toMatchObject({ in: 'query', type: 'integer', required: false });
    expect(pageSize?.notes).toContain('default 25');
    expect(pageSize?.notes).toContain('1 to 250');
    expect(op?.parameters.find((p) => p.name === 'board_id')).toMatchObject({ in: 'path', required: true });
    expect(op?.response?.paged).toBe(true);
    expect(op?.response?.schema).toBe('Pin[] (paged)');
    expect(op?.response?.fields.map((f) => f.name)).toContain('board_id');
  });

  it('writes the typed auth-core call in the client’s shape: path without /v5, { path, query, body }', () => {
    const op = all.find((o) => o.operationId === 'boards/list_pins');
    expect(op?.call).toBe(
      "await client.get('/boards/{board_id}/pins', { path: { board_id }, query: { page_size: 50 } });",
    );
    expect(op?.callHtml).toContain('--shiki-light');
    const create = all.find((o) => o.operationId === 'pins/create');
    expect(create?.call).toMatch(/^await client\.post\('\/pins', \{ body: /);
    const userAccount = all.find((o) => o.operationId === 'user_account/get');
    expect(userAccount?.call).toBe("await client.get('/user_account');");
    for (const o of all) {
      expect(o.call, o.operationId).toMatch(/^await client\.(get|post|put|patch|delete)\('\/(?!v5)/);
      for (const p of o.parameters.filter((x) => x.in === 'path')) expect(o.call).toContain(p.name);
    }
  });

  it('splits long calls over several lines', () => {
    const long = callFor(
      'patch',
      '/ad_accounts/{ad_account_id}/campaigns',
      [{ name: 'ad_account_id', in: 'path', required: true, sample: "'…'" }],
      [{ name: 'campaign_objective_type', required: true, sample: "'AWARENESS'" }],
    );
    expect(long).toBe(
      "await client.patch('/ad_accounts/{ad_account_id}/campaigns', {\n  path: { ad_account_id },\n  body: { campaign_objective_type: 'AWARENESS' },\n});",
    );
  });

  it('names types as TypeScript would', () => {
    expect(typeOf(spec, { type: 'array', items: { $ref: '#/components/schemas/Pin' } })).toBe('Pin[]');
    expect(typeOf(spec, { type: 'string', enum: ['A', 'B'] })).toBe('"A" | "B"');
    expect(words('list_pins')).toBe('List pins');
    expect(words('board_id')).toBe('Board ID');
  });

  it('has no prose from the spec: every title is built from the operation id', () => {
    for (const [tag, ops] of byTag)
      for (const o of ops) expect(o.title).toBe(operationTitle(o.operationId, tag));
    expect(operationTitle('boards/list_pins', 'boards')).toBe('List pins');
    expect(operationTitle('board_sections/list_pins', 'boards')).toBe('Board sections: list pins');
  });

  it('fails clearly on an unknown group', () => {
    expect(() => apiGroup(spec, 'nope')).toThrow(/no API reference group "nope"/);
  });
});
