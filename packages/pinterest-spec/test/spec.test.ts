import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { derive, strip } from '../scripts/derive.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const spec = JSON.parse(readFileSync(new URL('../openapi-v5.json', import.meta.url), 'utf8'));
const meanings = JSON.parse(readFileSync(new URL('../scope-meanings.json', import.meta.url), 'utf8'));
const generators: string[] = JSON.parse(readFileSync(new URL('../generators.json', import.meta.url), 'utf8'));

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, { operationId: string; 'x-ratelimit-category'?: string }>)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({ path, method, op })),
);

describe('the facts-only spec', () => {
  it('holds all 231 operations of v5.23.0, each with an id and a rate-limit category', () => {
    expect(spec.info.version).toBe('5.23.0');
    expect(operations).toHaveLength(231);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(231);
    for (const { op } of operations) expect(op['x-ratelimit-category'], op.operationId).toMatch(/^[a-z_]+$/);
  });

  it('carries no prose keyword anywhere (property names called description stay)', () => {
    const found: string[] = [];
    const walk = (node: unknown, at: string, named: boolean): void => {
      if (Array.isArray(node)) {
        for (const [i, item] of node.entries()) walk(item, `${at}/${i}`, false);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'example' || key === 'examples' || key === 'default' || key === 'enum') continue;
        if (!named && (key === 'description' || key === 'summary' || key === 'x-codeSamples'))
          found.push(`${at}/${key}`);
        walk(
          value,
          `${at}/${key}`,
          !named &&
            [
              'properties',
              'paths',
              'schemas',
              'parameters',
              'responses',
              'content',
              'headers',
              'mapping',
              'securitySchemes',
            ].includes(key),
        );
      }
    };
    walk(spec, '', false);
    expect(found).toEqual([]);
    expect(spec.components.schemas.Pin.properties.description).toBeDefined();
  });

  it('keeps the 19 scope names, each given a meaning in our own words', () => {
    const scopes = spec.components.securitySchemes.pinterest_oauth2.flows.authorizationCode.scopes;
    expect(Object.keys(scopes)).toHaveLength(19);
    expect(Object.values(scopes).every((text) => text === '')).toBe(true);
    expect(Object.keys(meanings).sort()).toEqual(Object.keys(scopes).sort());
  });

  it('is a fixed point of the derivation (deriving it again changes nothing)', () => {
    expect(derive(structuredClone(spec))).toEqual(spec);
  });

  it('strips prose keywords but not properties named like them', () => {
    const input = {
      description: 'prose',
      properties: { description: { type: 'string', description: 'prose' }, summary: { type: 'string' } },
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': { examples: { a: { summary: 's', value: { description: 'data' } } } },
          },
        },
      },
    };
    expect(strip(input, undefined)).toEqual({
      properties: { description: { type: 'string' }, summary: { type: 'string' } },
      responses: {
        '200': { content: { 'application/json': { examples: { a: { value: { description: 'data' } } } } } },
      },
    });
  });
});

describe('files derived from the spec', () => {
  it.each(generators)('%s is up to date', (script) => {
    const result = spawnSync(process.execPath, [script, '--check'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
