/**
 * Logs: one JSON line a request (method, path without query, status, time), and the readable form `npm run dev`
 * prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableLine } from '../server/logging.js';
import { type Stack, startStack } from './helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('request logs', () => {
  it('one JSON line a request, with the path but not the query', async () => {
    stack.logs.length = 0;
    const response = await stack.app.inject({ url: '/api/session?probe=secret-looking-value' });
    expect(response.statusCode).toBe(200);
    await stack.app.inject({ url: '/nowhere' });
    const lines = stack.logs
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.req.method, line.req.url, line.status])).toEqual([
      ['GET', '/api/session', 200],
      ['GET', '/nowhere', 404],
    ]);
    expect(typeof requests[0].ms).toBe('number');
    // Fastify's own "incoming request" / "request completed" pair is off.
    expect(lines.filter((line) => /incoming request|request completed/.test(line.msg))).toEqual([]);
    expect(stack.logs.join('')).not.toContain('secret-looking-value');
  });

  it('reads as one short line in development', () => {
    const time = Date.UTC(2026, 0, 2, 3, 4, 5);
    const request = readableLine(
      JSON.stringify({
        level: 30,
        time,
        msg: 'request',
        req: { method: 'GET', url: '/api/boards' },
        status: 200,
        ms: 12.3,
      }),
    );
    expect(request).toMatch(/^\d\d:\d\d:\d\d GET \/api\/boards 200 12\.3 ms$/);
    const warning = readableLine(
      JSON.stringify({
        level: 40,
        time,
        msg: 'login callback refused',
        code: 'ACCESS_DENIED',
        reqId: 'req-1',
      }),
    );
    expect(warning).toMatch(/^\d\d:\d\d:\d\d WARN login callback refused \{"code":"ACCESS_DENIED"\}$/);
    expect(readableLine('not json')).toBe('not json');
  });
});
