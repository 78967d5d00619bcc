import { describe, expect, it } from 'vitest';
import { readSpecFacts } from '../../plugins/openapi.ts';
import { filterEndpoints, scopesEnvLine, scopesFor } from './scope-finder.ts';

// The real data the site ships, generated from packages/pinterest-spec (the spec's facts and our own scope meanings).
const { endpoints, scopes } = readSpecFacts();

describe('scope finder data (from openapi-v5.json)', () => {
  it('has the 19 scopes and every operation', () => {
    expect(scopes.map((s) => s.name)).toEqual([
      'ads:read',
      'ads:write',
      'billing:read',
      'billing:write',
      'biz_access:read',
      'biz_access:write',
      'boards:read',
      'boards:read_secret',
      'boards:write',
      'boards:write_secret',
      'catalogs:read',
      'catalogs:write',
      'msot:write',
      'pins:read',
      'pins:read_secret',
      'pins:write',
      'pins:write_secret',
      'user_accounts:read',
      'user_accounts:write',
    ]);
    expect(endpoints.length).toBeGreaterThan(200);
    expect(scopes.find((s) => s.name === 'boards:read')?.description).toBe(
      "Read the user's public boards and sections, group boards they belong to included.",
    );
    expect(endpoints.find((e) => e.operationId === 'boards/list_pins')?.summary).toBe('Boards: list pins');
  });

  it('knows the token endpoint needs no scope (Basic auth)', () => {
    const token = endpoints.find((e) => e.method === 'POST' && e.path === '/oauth/token');
    expect(token?.scopes).toEqual([]);
    expect(token?.category).toBe('org_read');
  });
});

describe('scopesFor', () => {
  it('gives the scopes of the calls the templates make (FACTS §5)', () => {
    const needs = scopesFor(endpoints, ['user_account/get', 'boards/list', 'boards/list_pins', 'pins/list']);
    expect(needs.map((n) => n.scope)).toEqual(['boards:read', 'pins:read', 'user_accounts:read']);
    expect(needs.find((n) => n.scope === 'pins:read')?.neededBy).toEqual([
      'GET /v5/boards/{board_id}/pins',
      'GET /v5/pins',
    ]);
    expect(scopesEnvLine(needs)).toBe('PINTEREST_SCOPES=boards:read,pins:read,user_accounts:read');
  });

  it('adds the write scopes for creating a Pin', () => {
    expect(scopesFor(endpoints, ['pins/create']).map((n) => n.scope)).toEqual([
      'boards:read',
      'boards:write',
      'pins:read',
      'pins:write',
    ]);
  });

  it('is empty for nothing selected', () => {
    expect(scopesFor(endpoints, [])).toEqual([]);
  });
});

describe('filterEndpoints', () => {
  it('matches every word against method, path and summary', () => {
    const hits = filterEndpoints(endpoints, 'get board pins');
    expect(hits.map((e) => e.operationId)).toContain('boards/list_pins');
    expect(hits.every((e) => e.method === 'GET')).toBe(true);
    expect(filterEndpoints(endpoints, 'POST /v5/pins').map((e) => e.operationId)).toContain('pins/create');
    expect(filterEndpoints(endpoints, '')).toHaveLength(endpoints.length);
    expect(filterEndpoints(endpoints, 'zzzz-no-such-thing')).toEqual([]);
  });
});
