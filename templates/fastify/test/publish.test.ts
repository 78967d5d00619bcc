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
const ALICE = SEED_USERS[0]?.id ?? '';
/** The first seeded board has two sections. */
const BOARD_WITH_SECTIONS = SEED_USERS[0]?.boards?.[0];
/** The smallest PNG: 1×1, transparent. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

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

/** A multipart/form-data POST to /pins, as a browser sends the form with a file input. */
function postMultipart(fields: Record<string, string>, file?: { bytes: Buffer; type: string; name: string }) {
  const boundary = `----test${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="image_file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return built.app.inject({
    method: 'POST',
    url: '/pins',
    headers: { cookie: jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

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
    const choose = await get('/pins/new');
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('<h1>New Pin</h1>');
    expect(choose.body).toContain(`<option value="${BOARD}"`);
    expect(choose.body).not.toContain('action="/pins"'); // the board comes first
    const form = await get(`/pins/new?board_id=${BOARD}`);
    expect(form.body).toContain(`<option value="${BOARD}" selected`);
    expect(form.body).toMatch(/<label for="alt_text">/);
    const refused = await post({ board_id: BOARD, image_url: 'https://example.com/a.jpg', csrf: 'forged' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('That did not come from this page');
  });

  it('first publish: "Grant boards:write, pins:write" saying why, then the consent, then the Pin is on the board', async () => {
    const csrf = csrfOf((await get(`/pins/new?board_id=${BOARD}`)).body);
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
    // Back to the form for the same board once granted.
    expect(grantHref).toBe(
      `/auth/login?returnTo=%2Fpins%2Fnew%3Fboard_id%3D${BOARD}&amp;grant=boards%3Awrite%2Cpins%3Awrite`,
    );

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
    expect(callback.headers.location).toBe(`/pins/new?board_id=${BOARD}`);

    const again = await get(`/pins/new?board_id=${BOARD}`);
    expect(again.statusCode).toBe(200);
    const published = await post({ ...form, csrf: csrfOf(again.body) });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/boards/${BOARD}`);
    const board = await get(`/boards/${BOARD}`);
    expect(board.body).toContain('Granted soup');
  });

  it('a bad form comes back with a message and what was typed; an unknown scope in grant is a 400 page', async () => {
    const csrf = csrfOf((await get(`/pins/new?board_id=${BOARD}`)).body);
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

  it('the chosen board’s sections are offered; a Pin goes into the chosen section', async () => {
    const board = BOARD_WITH_SECTIONS;
    const section = board?.sections?.[1];
    expect(section?.id).toBeDefined();
    const form = await get(`/pins/new?board_id=${board?.id}`);
    for (const s of board?.sections ?? [])
      expect(form.body).toContain(`<option value="${s.id}">${s.name}</option>`);
    expect(form.body).toContain('<option value="">No section</option>');
    const published = await post({
      csrf: csrfOf(form.body),
      board_id: board?.id ?? '',
      board_section_id: section?.id ?? '',
      image_url: `${mock.url}/_images/1.png`,
      title: 'Sectioned soup',
    });
    expect(published.statusCode).toBe(303);
    // Pinterest has it in that section (read back through auth-core's client with the user's token).
    const inSection = await built.auth.client(ALICE).get('/boards/{board_id}/sections/{section_id}/pins', {
      path: { board_id: board?.id ?? '', section_id: section?.id ?? '' },
      query: { page_size: 100 },
    });
    expect(inSection.items.map((pin) => pin.title)).toContain('Sectioned soup');
  });

  it('an uploaded PNG goes to Pinterest (as image_base64: the image URL is empty) and the Pin is on the board', async () => {
    const csrf = csrfOf((await get(`/pins/new?board_id=${BOARD}`)).body);
    const published = await postMultipart(
      { csrf, board_id: BOARD, board_section_id: '', image_url: '', title: 'Uploaded soup' },
      { bytes: PNG, type: 'image/png', name: 'soup.png' },
    );
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/boards/${BOARD}`);
    expect((await get(`/boards/${BOARD}`)).body).toContain('Uploaded soup');
  });

  it('upload checks: the type by its bytes (not the name or the browser’s type), the size, one source, CSRF', async () => {
    const csrf = csrfOf((await get(`/pins/new?board_id=${BOARD}`)).body);
    const fields = { csrf, board_id: BOARD, image_url: '', title: 'Checked soup' };
    const posts = () =>
      mock.control.requests().filter((r) => r.path === '/v5/pins' && r.method === 'POST').length;
    const before = posts();

    const disguised = await postMultipart(fields, {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      type: 'image/png',
      name: 'soup.png',
    });
    expect(disguised.statusCode).toBe(400);
    expect(disguised.body).toContain('That file is not a JPEG or PNG image');
    expect(disguised.body).toContain('value="Checked soup"');

    const huge = await postMultipart(fields, {
      bytes: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]),
      type: 'image/png',
      name: 'huge.png',
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('That image is too large');
    expect(huge.body).toContain('at most 5 MB');

    const both = await postMultipart(
      { ...fields, image_url: `${mock.url}/_images/1.png` },
      { bytes: PNG, type: 'image/png', name: 'soup.png' },
    );
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('Give an image URL or a file, not both');

    const none = await postMultipart(fields, {
      bytes: Buffer.alloc(0),
      type: 'application/octet-stream',
      name: '',
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Add the image');

    const forged = await postMultipart(
      { ...fields, csrf: 'forged' },
      { bytes: PNG, type: 'image/png', name: 'a.png' },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('That did not come from this page');
    expect(posts()).toBe(before);
  });

  it('a Pin Pinterest refuses (a section of another board) comes back as a page that leads back to the form', async () => {
    const otherSection = BOARD_WITH_SECTIONS?.sections?.[0]?.id ?? '';
    const csrf = csrfOf((await get(`/pins/new?board_id=${BOARD}`)).body);
    const refused = await post({
      csrf,
      board_id: BOARD,
      board_section_id: otherSection,
      image_url: `${mock.url}/_images/1.png`,
      title: 'Lost soup',
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain(
      `<a class="button" href="/pins/new?board_id=${BOARD}">Back to the form</a>`,
    );
    expect(refused.body).toContain('Choose the board and section again.');
    expect(refused.body).toContain('Pinterest request id:');
  });
});
