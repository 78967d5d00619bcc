import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PinterestMock, SEED_USERS, startPinterestMock } from '../src/index.js';
import { ALL_READ, api, http, login, READ_WRITE } from './support/client.js';
import { findOperation } from './support/openapi.js';

interface Page<T> {
  items: T[];
  bookmark: string | null;
}
interface Board {
  id: string;
  name: string;
  privacy: string;
  pin_count: number;
  owner: { username: string };
}
interface Pin {
  id: string;
  board_id: string;
  is_owner: boolean;
  title: string | null;
}

let mock: PinterestMock;
let token: string;

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.control.reset();
  token = (await login(mock, { scope: ALL_READ })).access_token;
});

const ALICE = SEED_USERS[0];
const FIRST_BOARD = ALICE?.boards?.[0]?.id ?? '';
const BOB_BOARD = SEED_USERS[1]?.boards?.[0]?.id ?? '';

async function collect<T>(path: string, pageSize?: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let bookmark: string | null = null;
  let pages = 0;
  do {
    const query = new URLSearchParams();
    if (pageSize) query.set('page_size', String(pageSize));
    if (bookmark) query.set('bookmark', bookmark);
    const response = await api<Page<T>>(mock, 'GET', `${path}?${query}`, token);
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    bookmark = response.body.bookmark;
    pages++;
  } while (bookmark);
  return { items, pages };
}

describe('GET /v5/user_account', () => {
  it('returns the account of the token (numeric id, username, counts; no email)', async () => {
    const response = await api(mock, 'GET', '/v5/user_account', token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: '1000000000000000001',
      username: 'mock_alice',
      account_type: 'BUSINESS',
      board_count: 60,
      // 60 on the first board, 3 on each of the other 59.
      pin_count: 237,
    });
    expect(response.body).not.toHaveProperty('email');
  });

  it('answers 401 code 2 without a token, with a wrong one, or with a non-Bearer scheme', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer pina_nope' },
      { authorization: `Basic ${token}` },
    ];
    for (const headers of variants) {
      const response = await http(mock, 'GET', '/v5/user_account', { headers });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 2, message: 'Authentication failed.' });
    }
  });

  it('answers 401 code 3 when the token lacks user_accounts:read', async () => {
    // A fresh grant history, so the union of earlier grants does not add user_accounts:read.
    mock.control.reset();
    const only = (await login(mock, { scope: 'boards:read' })).access_token;
    const response = await api(mock, 'GET', '/v5/user_account', only);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 3 });
    expect((response.body as { message: string }).message).toMatch(/scopes/);
  });
});

describe('boards', () => {
  it('pages alice’s 60 boards 25 at a time, ending with bookmark null', async () => {
    const first = await api<Page<Board>>(mock, 'GET', '/v5/boards', token);
    expect(first.body.items).toHaveLength(25);
    expect(typeof first.body.bookmark).toBe('string');
    const { items, pages } = await collect<Board>('/v5/boards');
    expect(pages).toBe(3);
    expect(items).toHaveLength(60);
    expect(new Set(items.map((b) => b.id)).size).toBe(60);
    expect(items[0]).toMatchObject({ id: FIRST_BOARD, pin_count: 60, owner: { username: 'mock_alice' } });
  });

  it('honours page_size up to 250', async () => {
    const all = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=250', token);
    expect(all.body.items).toHaveLength(60);
    expect(all.body.bookmark).toBeNull();
    const { pages } = await collect<Board>('/v5/boards', 7);
    expect(pages).toBe(9);
  });

  it('rejects page_size outside 1..250 and garbage bookmarks with 400 code 1', async () => {
    for (const query of [
      'page_size=0',
      'page_size=251',
      'page_size=abc',
      'page_size=2.5',
      'bookmark=not-ours',
    ]) {
      const response = await api(mock, 'GET', `/v5/boards?${query}`, token);
      expect(response.status, query).toBe(400);
      expect(response.body).toMatchObject({ code: 1 });
    }
    const message = (await api<{ message: string }>(mock, 'GET', '/v5/boards?page_size=300', token)).body
      .message;
    expect(message).toContain('page_size');
  });

  it('refuses a bookmark from another list', async () => {
    const boards = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=1', token);
    const response = await api(mock, 'GET', `/v5/pins?bookmark=${boards.body.bookmark}`, token);
    expect(response.status).toBe(400);
  });

  it('gets one board, 404 code 40 for an unknown one, 401 code 7 for someone else’s', async () => {
    const own = await api<Board>(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, token);
    expect(own.status).toBe(200);
    expect(own.body.name).toBe('Summer recipes');
    const missing = await api(mock, 'GET', '/v5/boards/999999999', token);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 40, message: 'Board not found.' });
    const bobs = await api(mock, 'GET', `/v5/boards/${BOB_BOARD}`, token);
    expect(bobs.status).toBe(401);
    expect(bobs.body).toMatchObject({ code: 7 });
  });

  it('needs boards:read (401 code 3)', async () => {
    mock.control.reset();
    const only = (await login(mock, { scope: 'user_accounts:read' })).access_token;
    const response = await api(mock, 'GET', '/v5/boards', only);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 3 });
  });

  it('creates a board (201) that lists first, refusing duplicates and bad bodies', async () => {
    const writer = (await login(mock, { scope: READ_WRITE })).access_token;
    const created = await api<Board>(mock, 'POST', '/v5/boards', writer, {
      name: 'New ideas',
      description: 'Fresh',
      privacy: 'PUBLIC',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'New ideas', privacy: 'PUBLIC', pin_count: 0 });
    expect(created.body.id).toMatch(/^\d+$/);
    const list = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=1', writer);
    expect(list.body.items[0]?.id).toBe(created.body.id);
    expect((await api(mock, 'GET', '/v5/user_account', writer)).body).toMatchObject({ board_count: 61 });

    const duplicate = await api(mock, 'POST', '/v5/boards', writer, { name: 'new IDEAS' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ code: 58 });
    const nameless = await api(mock, 'POST', '/v5/boards', writer, { description: 'no name' });
    expect(nameless.status).toBe(400);
    expect(nameless.body).toMatchObject({ code: 1 });
    expect((nameless.body as { message: string }).message).toContain('name');
    const badPrivacy = await api(mock, 'POST', '/v5/boards', writer, { name: 'x', privacy: 'HIDDEN' });
    expect(badPrivacy.status).toBe(400);
    // No type coercion: a number is not a name.
    const numericName = await api(mock, 'POST', '/v5/boards', writer, { name: 42 });
    expect(numericName.status).toBe(400);
    expect(numericName.body).toMatchObject({ code: 1 });
  });

  it('needs boards:write to create (401 code 3), and boards:write_secret for a secret board', async () => {
    const reader = await api(mock, 'POST', '/v5/boards', token, { name: 'Nope' });
    expect(reader.status).toBe(401);
    expect(reader.body).toMatchObject({ code: 3 });
    const writer = (await login(mock, { scope: READ_WRITE })).access_token;
    const secret = await api(mock, 'POST', '/v5/boards', writer, { name: 'Hidden', privacy: 'SECRET' });
    expect(secret.status).toBe(401);
    expect(secret.body).toMatchObject({ code: 3 });
  });

  it('hides secret boards from tokens without boards:read_secret', async () => {
    const writer = (
      await login(mock, { scope: `${READ_WRITE},boards:write_secret,boards:read_secret,pins:read_secret` })
    ).access_token;
    const secret = await api<Board>(mock, 'POST', '/v5/boards', writer, {
      name: 'Surprise',
      privacy: 'SECRET',
    });
    expect(secret.status).toBe(201);
    const withSecret = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=250', writer);
    expect(withSecret.body.items.map((b) => b.id)).toContain(secret.body.id);
    const onlySecret = await api<Page<Board>>(mock, 'GET', '/v5/boards?privacy=SECRET', writer);
    expect(onlySecret.body.items.map((b) => b.id)).toEqual([secret.body.id]);

    const reader = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=250', token);
    expect(reader.body.items.map((b) => b.id)).not.toContain(secret.body.id);
    const direct = await api(mock, 'GET', `/v5/boards/${secret.body.id}`, token);
    expect(direct.status).toBe(401);
    expect(direct.body).toMatchObject({ code: 3 });
    const badFilter = await api(mock, 'GET', '/v5/boards?privacy=HIDDEN', token);
    expect(badFilter.status).toBe(400);
  });
});

describe('pins', () => {
  it('pages the 60 Pins of alice’s first board', async () => {
    const { items, pages } = await collect<Pin>(`/v5/boards/${FIRST_BOARD}/pins`);
    expect(pages).toBe(3);
    expect(items).toHaveLength(60);
    expect(items.every((pin) => pin.board_id === FIRST_BOARD && pin.is_owner)).toBe(true);
  });

  it('lists the user’s Pins across boards with GET /v5/pins', async () => {
    const { items } = await collect<Pin>('/v5/pins', 250);
    expect(items).toHaveLength(237);
  });

  it('gets a Pin, 404 code 50 for an unknown one, and other accounts’ public Pins with is_owner false', async () => {
    const pinId = ALICE?.boards?.[0]?.pins?.[0]?.id ?? '';
    const own = await api<Pin>(mock, 'GET', `/v5/pins/${pinId}`, token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: pinId, is_owner: true });
    const missing = await api(mock, 'GET', '/v5/pins/123456789', token);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 50, message: 'Pin not found.' });
    const bobsPin = SEED_USERS[1]?.boards?.[0]?.pins?.[0]?.id ?? '';
    const other = await api<Pin>(mock, 'GET', `/v5/pins/${bobsPin}`, token);
    expect(other.status).toBe(200);
    expect(other.body.is_owner).toBe(false);
    const notNumeric = await api(mock, 'GET', '/v5/pins/abc', token);
    expect(notNumeric.status).toBe(400);
  });

  it('needs pins:read for Pins (401 code 3)', async () => {
    mock.control.reset();
    const boardsOnly = (await login(mock, { scope: 'boards:read' })).access_token;
    for (const path of ['/v5/pins', `/v5/boards/${FIRST_BOARD}/pins`]) {
      const response = await api(mock, 'GET', path, boardsOnly);
      expect(response.status, path).toBe(401);
      expect(response.body).toMatchObject({ code: 3 });
    }
  });

  it('creates a Pin (201) on an own board; unknown board 404, someone else’s 401 code 7', async () => {
    const writer = (await login(mock, { scope: READ_WRITE })).access_token;
    const created = await api<Pin>(mock, 'POST', '/v5/pins', writer, {
      board_id: FIRST_BOARD,
      title: 'My new Pin',
      link: 'https://example.com/new',
      media_source: { source_type: 'image_url', url: 'https://example.com/new.jpg' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'My new Pin', board_id: FIRST_BOARD, is_owner: true });
    const page = await api<Page<Pin>>(mock, 'GET', `/v5/boards/${FIRST_BOARD}/pins?page_size=1`, writer);
    expect(page.body.items[0]?.id).toBe(created.body.id);

    const unknown = await api(mock, 'POST', '/v5/pins', writer, {
      board_id: '999999',
      media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 40 });
    const bobs = await api(mock, 'POST', '/v5/pins', writer, {
      board_id: BOB_BOARD,
      media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
    });
    expect(bobs.status).toBe(401);
    expect(bobs.body).toMatchObject({ code: 7 });
    const noMedia = await api(mock, 'POST', '/v5/pins', writer, { board_id: FIRST_BOARD });
    expect(noMedia.status).toBe(400);
    expect(noMedia.body).toMatchObject({ code: 1 });
    const noUrl = await api(mock, 'POST', '/v5/pins', writer, {
      board_id: FIRST_BOARD,
      media_source: { source_type: 'image_url' },
    });
    expect(noUrl.status).toBe(400);
  });

  it('needs pins:write to create (401 code 3)', async () => {
    const response = await api(mock, 'POST', '/v5/pins', token, {
      board_id: FIRST_BOARD,
      media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 3 });
  });

  it('keeps sandbox and production data apart', async () => {
    const sandbox = (await login(mock, { scope: READ_WRITE }, '/sandbox')).access_token;
    const created = await api<Board>(mock, 'POST', '/sandbox/v5/boards', sandbox, { name: 'Sandbox only' });
    expect(created.status).toBe(201);
    const inSandbox = await api<Board>(mock, 'GET', `/sandbox/v5/boards/${created.body.id}`, sandbox);
    expect(inSandbox.status).toBe(200);
    const inProduction = await api(mock, 'GET', `/v5/boards/${created.body.id}`, token);
    expect(inProduction.status).toBe(404);
  });
});

describe('Trial access', () => {
  it('answers writes to production with 403 code 29 pointing at the sandbox; the sandbox accepts them', async () => {
    const trial = await startPinterestMock({ autoApprove: 'alice', trial: true });
    try {
      const production = (await login(trial, { scope: READ_WRITE })).access_token;
      const refused = await api<{ code: number; message: string }>(trial, 'POST', '/v5/boards', production, {
        name: 'Trial',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe(29);
      expect(refused.body.message).toContain('api-sandbox.pinterest.com');
      expect(refused.body.message).toContain(`${trial.sandboxApiUrl}/v5`);
      const pin = await api(trial, 'POST', '/v5/pins', production, {
        board_id: FIRST_BOARD,
        media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
      });
      expect(pin.status).toBe(403);
      expect((await api(trial, 'GET', '/v5/boards', production)).status).toBe(200);

      const sandbox = (await login(trial, { scope: READ_WRITE }, '/sandbox')).access_token;
      const created = await api(trial, 'POST', '/sandbox/v5/boards', sandbox, { name: 'Trial' });
      expect(created.status).toBe(201);
    } finally {
      await trial.close();
    }
  });
});

describe('rate limits', () => {
  it('sends X-RateLimit-* per category and 429 code 8 past the limit, until the window resets', async () => {
    const limited = await startPinterestMock({
      autoApprove: 'alice',
      rateLimits: { limits: { org_read: 3, org_write: 2 }, windowSeconds: 60 },
    });
    try {
      // The token request itself counts against the app's org_read bucket, not the user's.
      const userToken = (await login(limited, { scope: READ_WRITE })).access_token;
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await api(limited, 'GET', '/v5/boards', userToken);
        expect(response.status).toBe(200);
        seen.push(response.headers.get('x-ratelimit-remaining') ?? '');
        expect(response.headers.get('x-ratelimit-limit')).toBe('3, 3;w=60;name="org_read"');
        expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
        expect(Number(response.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);
      }
      expect(seen).toEqual(['2', '1', '0']);
      const over = await api(limited, 'GET', '/v5/user_account', userToken);
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ code: 8 });
      expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
      // Writes have their own bucket.
      const write = await api(limited, 'POST', '/v5/boards', userToken, { name: 'Still fine' });
      expect(write.status).toBe(201);
      expect(write.headers.get('x-ratelimit-limit')).toBe('2, 2;w=60;name="org_write"');

      limited.control.advanceClock(61);
      expect((await api(limited, 'GET', '/v5/boards', userToken)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('holds a Trial app to its daily quota across categories (429 code 8), reset a day later', async () => {
    const trial = await startPinterestMock({
      autoApprove: 'alice',
      trial: true,
      rateLimits: { limits: { trial_daily: 4 } },
    });
    try {
      // The code exchange is the first of the four.
      const userToken = (await login(trial, { scope: READ_WRITE }, '/sandbox')).access_token;
      expect((await api(trial, 'GET', '/sandbox/v5/boards', userToken)).status).toBe(200);
      expect((await api(trial, 'POST', '/sandbox/v5/boards', userToken, { name: 'Q' })).status).toBe(201);
      expect((await api(trial, 'GET', '/sandbox/v5/user_account', userToken)).status).toBe(200);
      const over = await api(trial, 'GET', '/sandbox/v5/boards', userToken);
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ code: 8 });
      expect(over.headers.get('x-ratelimit-limit')).toBe('4, 4;w=86400;name="trial_daily"');
      trial.control.advanceClock(86_400);
      expect((await api(trial, 'GET', '/sandbox/v5/boards', userToken)).status).toBe(200);
    } finally {
      await trial.close();
    }
  });

  it('never answers 429 with rateLimits: false', async () => {
    const open = await startPinterestMock({ autoApprove: 'alice', rateLimits: false });
    try {
      const userToken = (await login(open)).access_token;
      const response = await api(open, 'GET', '/v5/user_account', userToken);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('uses the categories openapi-v5.json gives each operation', () => {
    const categories: Record<string, [string, string]> = {
      org_read: ['GET', '/user_account'],
      org_write: ['POST', '/boards'],
    };
    for (const [category, [method, path]] of Object.entries(categories)) {
      expect(findOperation(method, path)?.['x-ratelimit-category']).toBe(category);
    }
    for (const [method, path] of [
      ['GET', '/boards'],
      ['GET', '/boards/1'],
      ['GET', '/boards/1/pins'],
      ['GET', '/pins'],
      ['GET', '/pins/1'],
      ['POST', '/oauth/token'],
    ] as const) {
      expect(findOperation(method, path)?.['x-ratelimit-category'], `${method} ${path}`).toBe('org_read');
    }
    expect(findOperation('POST', '/pins')?.['x-ratelimit-category']).toBe('org_write');
  });
});

describe('every response', () => {
  it('carries x-pinterest-rid, also on errors, unknown routes and the consent page', async () => {
    const ids = new Set<string>();
    for (const path of ['/v5/user_account', '/v5/boards', '/oauth/?client_id=1', '/v5/nope']) {
      // /v5/nope is not in the spec, so it is fetched directly; the others go through the spec check.
      const response =
        path === '/v5/nope'
          ? await fetch(new URL(path, mock.url), { headers: { authorization: `Bearer ${token}` } })
          : await api(mock, 'GET', path, token);
      const rid = response.headers.get('x-pinterest-rid');
      expect(rid, path).toMatch(/^\d{16}$/);
      ids.add(rid ?? '');
    }
    expect(ids.size).toBe(4);
  });

  it('answers unknown routes with 404 {code, message}', async () => {
    const response = await fetch(new URL('/v5/nope', mock.url));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 404, message: expect.stringContaining('/v5/nope') });
  });
});
