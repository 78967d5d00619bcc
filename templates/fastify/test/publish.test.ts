/**
 * Publishing with least privilege: the login holds read scopes only; the New Pin form is offered; the first
 * publish is refused before any request to Pinterest and offers "Grant boards:write, pins:write"; that
 * incremental consent (a new consent on top of the login's scopes, same account, back to the form) lets the
 * same form publish, and the Pin appears on its board. CSRF on the new POST; bad forms come back with a message.
 */
import type { PinterestMock } from '@kit/pinterest-mock';
import { SEED_USERS } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import {
  buildTestApp,
  type CookieJar,
  decideOnConsentPage,
  freePort,
  loginWithInject,
  startMock,
} from './helpers.js';

const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
const BOARD = SEED_USERS[0]?.boards?.[1]?.id ?? '';

let mock: PinterestMock;
let built: BuiltApp;
let jar: CookieJar;
let loginConsentUrl: string;

const get = (url: string) => built.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
const csrfOf = (body: string) => /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const post = (form: Record<string, string>) =>
  built.app.inject({
    method: 'POST',
    url: '/pins',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  built = await buildTestApp(mock, REDIRECT_URI);
  ({ jar, consentUrl: loginConsentUrl } = await loginWithInject(built));
});
afterAll(async () => {
  await built.app.close();
  await mock.close();
});

describe('New Pin with incremental consent', () => {
  it('logs in with read scopes only', () => {
    const scope = new URL(loginConsentUrl).searchParams.get('scope');
    expect(scope?.split(',').sort()).toEqual(['boards:read', 'pins:read', 'user_accounts:read']);
  });

  it('the form lists the boards and carries a CSRF token; a POST without it is refused', async () => {
    const form = await get('/pins/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>New Pin</h1>');
    expect(form.body).toContain(`<option value="${BOARD}"`);
    expect(form.body).toMatch(/<label for="alt_text">/);
    const refused = await post({ board_id: BOARD, image_url: 'https://example.com/a.jpg', csrf: 'forged' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('That did not come from this page');
  });

  it('first publish: "Grant boards:write, pins:write" saying why, then the consent, then the Pin is on the board', async () => {
    const csrf = csrfOf((await get('/pins/new')).body);
    const form = {
      csrf,
      board_id: BOARD,
      image_url: `${mock.url}/_images/1.png`,
      title: 'Granted soup',
      alt_text: 'Soup',
    };
    const before = mock.control.requests().filter((r) => r.path === '/v5/pins' && r.method === 'POST').length;
    const refused = await post(form);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('One more permission needed');
    expect(refused.body).toContain('to publish the Pin for you');
    expect(refused.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(mock.control.requests().filter((r) => r.path === '/v5/pins' && r.method === 'POST')).toHaveLength(
      before,
    );
    const grantHref = /<a class="button" href="([^"]+)">Grant boards:write, pins:write<\/a>/.exec(
      refused.body,
    )?.[1];
    expect(grantHref).toBe('/auth/login?returnTo=%2Fpins%2Fnew&amp;grant=boards%3Awrite%2Cpins%3Awrite');

    const start = await get((grantHref ?? '').replaceAll('&amp;', '&'));
    expect(start.statusCode).toBe(302);
    jar.store(start);
    const consentUrl = new URL(String(start.headers.location));
    expect(consentUrl.searchParams.get('scope')?.split(',').sort()).toEqual([
      'boards:read',
      'boards:write',
      'pins:read',
      'pins:write',
      'user_accounts:read',
    ]);
    const back = await decideOnConsentPage(consentUrl.href, 'allow');
    const callback = await get(`${back.pathname}${back.search}`);
    jar.store(callback);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/pins/new');

    const again = await get('/pins/new');
    expect(again.statusCode).toBe(200);
    const published = await post({ ...form, csrf: csrfOf(again.body) });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/boards/${BOARD}`);
    const board = await get(`/boards/${BOARD}`);
    expect(board.body).toContain('Granted soup');
  });

  it('a bad form comes back with a message and what was typed; an unknown scope in grant is a 400 page', async () => {
    const csrf = csrfOf((await get('/pins/new')).body);
    const bad = await post({ csrf, board_id: BOARD, image_url: 'javascript:alert(1)', title: 'Kept title' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Check the form');
    expect(bad.body).toContain('value="Kept title"');
    const unknown = await get('/auth/login?grant=pins:frobnicate');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('no permission called');
  });

  it('/boards: cards carry their cover image and an h2 under the h1 (no jump to h3)', async () => {
    const boards = await get('/boards');
    expect(boards.statusCode).toBe(200);
    expect(boards.body).not.toContain('<h3>');
    expect(boards.body.match(/<h2>/g)?.length).toBe(25);
    expect(boards.body).toMatch(
      /<img class="cover" src="http:\/\/127\.0\.0\.1:\d+\/media\/400x300\/\d+\.svg" alt=""/,
    );
  });
});
