/**
 * `npm run dev` logs one readable line a request (time, status, method, redacted URL, duration) instead of
 * pino's two JSON lines; warnings keep their fields. `npm start` keeps the JSON (see security.test.ts).
 */
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { readableLogStream } from '../src/log-format.js';
import { buildTestApp, freePort, LogCapture, loginWithInject, startMock } from './helpers.js';

const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
let mock: PinterestMock;
let built: BuiltApp;
const out = new LogCapture();

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  built = await buildTestApp(mock, REDIRECT_URI, {
    env: { LOG_LEVEL: 'info' },
    logStream: readableLogStream(out),
  });
});
afterAll(async () => {
  await built.app.close();
  await mock.close();
});

describe('readable development logs', () => {
  it('one line a request, with the callback URL redacted; warnings name their fields', async () => {
    const { callbackUrl } = await loginWithInject(built);
    await built.app.inject({ method: 'GET', url: '/no-such-page' });
    await built.app.inject({ method: 'GET', url: '/auth/callback?code=zzz&state=yyy' });

    const lines = out.lines.join('').trimEnd().split('\n');
    const requests = lines.filter((line) => /^\d\d:\d\d:\d\d \d{3} /.test(line));
    // /auth/login, the callback, the 404, the stray callback: four requests, four lines.
    expect(requests).toHaveLength(4);
    expect(requests[0]).toMatch(/^\d\d:\d\d:\d\d 302 GET \/auth\/login \d+ ms$/);
    expect(requests[1]).toMatch(
      /^\d\d:\d\d:\d\d 303 GET \/auth\/callback\?code=\[redacted\]&state=\[redacted\] \d+ ms$/,
    );
    expect(requests[2]).toMatch(/ 404 GET \/no-such-page \d+ ms$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d WARN login did not complete code=/));
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(out.text).not.toContain(callbackUrl.searchParams.get('code') as string);
  });
});
