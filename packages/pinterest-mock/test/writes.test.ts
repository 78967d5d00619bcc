import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PinterestMock, SEED_USERS, startPinterestMock } from '../src/index.js';
import { ALL_READ, api, login, READ_WRITE, tokenRequest } from './support/client.js';
import { findOperation } from './support/openapi.js';

interface Page<T> {
  items: T[];
  bookmark: string | null;
}
interface Board {
  id: string;
  name: string;
  description: string | null;
  privacy: string;
  pin_count: number;
}
interface Pin {
  id: string;
  board_id: string;
  title: string | null;
  description: string | null;
  link: string | null;
  alt_text: string | null;
  is_owner: boolean;
}
interface ErrorBody {
  code: number;
  message: string;
}

let mock: PinterestMock;
/** boards:read/write and pins:read/write, no secret scopes. */
let writer: string;

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.control.reset();
  writer = (await login(mock, { scope: READ_WRITE })).access_token;
});

const ALICE = SEED_USERS[0];
const FIRST_BOARD = ALICE?.boards?.[0]?.id ?? '';
const SECOND_BOARD = ALICE?.boards?.[1]?.id ?? '';
const FIRST_PIN = ALICE?.boards?.[0]?.pins?.[0]?.id ?? '';
const BOB_BOARD = SEED_USERS[1]?.boards?.[0]?.id ?? '';
const BOB_PIN = SEED_USERS[1]?.boards?.[0]?.pins?.[0]?.id ?? '';
const SECRET_SCOPES = `${READ_WRITE},boards:read_secret,boards:write_secret,pins:read_secret,pins:write_secret`;
const IMAGE = { source_type: 'image_url', url: 'https://example.com/a.jpg' };

async function all<T>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let bookmark: string | null = null;
  do {
    const query = new URLSearchParams({ page_size: '250' });
    if (bookmark) query.set('bookmark', bookmark);
    const response = await api<Page<T>>(mock, 'GET', `${path}?${query}`, token);
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    bookmark = response.body.bookmark;
  } while (bookmark);
  return items;
}

/** A secret board of alice's with one Pin, made with a token holding every secret scope. */
async function secretBoardWithPin(): Promise<{ board: Board; pin: Pin; token: string }> {
  const token = (await login(mock, { scope: SECRET_SCOPES })).access_token;
  const board = await api<Board>(mock, 'POST', '/v5/boards', token, { name: 'Secret', privacy: 'SECRET' });
  expect(board.status).toBe(201);
  const pin = await api<Pin>(mock, 'POST', '/v5/pins', token, {
    board_id: board.body.id,
    media_source: IMAGE,
  });
  expect(pin.status).toBe(201);
  return { board: board.body, pin: pin.body, token };
}

function expectError(response: { status: number; body: unknown }, status: number, code: number): void {
  expect(response.status).toBe(status);
  expect((response.body as ErrorBody).code).toBe(code);
}

describe('PATCH /v5/boards/{board_id}', () => {
  it('updates name, description and privacy (200, the updated board) and the lists show it', async () => {
    // Fill the page cache first: the write must invalidate it.
    const before = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=1', writer);
    expect(before.body.items[0]?.name).toBe('Summer recipes');
    const updated = await api<Board>(mock, 'PATCH', `/v5/boards/${FIRST_BOARD}`, writer, {
      name: 'Winter recipes',
      description: 'Soups',
      privacy: 'PUBLIC',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: FIRST_BOARD,
      name: 'Winter recipes',
      description: 'Soups',
      privacy: 'PUBLIC',
      pin_count: 60,
    });
    expect(updated.headers.get('x-ratelimit-limit')).toContain('name="org_write"');
    const after = await api<Page<Board>>(mock, 'GET', '/v5/boards?page_size=1', writer);
    expect(after.body.items[0]).toMatchObject({ id: FIRST_BOARD, name: 'Winter recipes' });
    const one = await api<Board>(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, writer);
    expect(one.body.description).toBe('Soups');

    // Fields left out stay; null clears the description; the board's own name (other case) is no duplicate.
    const partial = await api<Board>(mock, 'PATCH', `/v5/boards/${FIRST_BOARD}`, writer, {
      name: 'WINTER recipes',
      description: null,
    });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ name: 'WINTER recipes', description: null, privacy: 'PUBLIC' });
    const empty = await api<Board>(mock, 'PATCH', `/v5/boards/${FIRST_BOARD}`, writer, {});
    expect(empty.status).toBe(200);
    expect(empty.body.name).toBe('WINTER recipes');
  });

  it('makes a board secret with boards:write_secret; it then hides from tokens without boards:read_secret', async () => {
    // Grants add up per account and app: log in with the narrow scopes first.
    mock.control.reset();
    const reader = (await login(mock, { scope: ALL_READ })).access_token;
    const secret = (await login(mock, { scope: SECRET_SCOPES })).access_token;
    const updated = await api<Board>(mock, 'PATCH', `/v5/boards/${SECOND_BOARD}`, secret, {
      privacy: 'SECRET',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.privacy).toBe('SECRET');
    const ids = (await all<Board>('/v5/boards', reader)).map((b) => b.id);
    expect(ids).toHaveLength(59);
    expect(ids).not.toContain(SECOND_BOARD);
    expectError(await api(mock, 'GET', `/v5/boards/${SECOND_BOARD}`, reader), 401, 3);
    const back = await api<Board>(mock, 'PATCH', `/v5/boards/${SECOND_BOARD}`, secret, { privacy: 'PUBLIC' });
    expect(back.body.privacy).toBe('PUBLIC');
    expect(await all<Board>('/v5/boards', reader)).toHaveLength(60);
  });

  it('answers 404 code 40 for an unknown board and 401 code 7 for someone else’s', async () => {
    expectError(await api(mock, 'PATCH', '/v5/boards/999999999', writer, { name: 'x' }), 404, 40);
    const bobs = await api(mock, 'PATCH', `/v5/boards/${BOB_BOARD}`, writer, { name: 'Mine now' });
    expectError(bobs, 401, 7);
  });

  it('answers 400 code 1 for invalid bodies and ids, 400 code 58 for a name already taken', async () => {
    const path = `/v5/boards/${FIRST_BOARD}`;
    for (const body of [
      { privacy: 'PROTECTED' },
      { privacy: 'HIDDEN' },
      { name: 42 },
      { name: '' },
      { name: '   ' },
      { name: null },
      { description: 'x'.repeat(501) },
      ['not', 'an', 'object'],
    ]) {
      const response = await api<ErrorBody>(mock, 'PATCH', path, writer, body);
      expectError(response, 400, 1);
      expect(response.body.message, JSON.stringify(body)).toMatch(/name|privacy|description|body/);
    }
    const noBody = await api(mock, 'PATCH', path, writer);
    expectError(noBody, 400, 1);
    expectError(await api(mock, 'PATCH', '/v5/boards/abc', writer, { name: 'x' }), 400, 1);
    const secondName = ALICE?.boards?.[1]?.name ?? '';
    const taken = await api(mock, 'PATCH', path, writer, { name: secondName.toUpperCase() });
    expectError(taken, 400, 58);
    expect((await api<Board>(mock, 'GET', path, writer)).body.name).toBe('Summer recipes');
  });

  it('needs boards:write (401 code 3), and boards:write_secret to make or change a secret board', async () => {
    mock.control.reset();
    const reader = (await login(mock, { scope: ALL_READ })).access_token;
    expectError(await api(mock, 'PATCH', `/v5/boards/${FIRST_BOARD}`, reader, { name: 'x' }), 401, 3);
    const plain = (await login(mock, { scope: `${READ_WRITE},boards:read_secret` })).access_token;
    const toSecret = await api(mock, 'PATCH', `/v5/boards/${FIRST_BOARD}`, plain, { privacy: 'SECRET' });
    expectError(toSecret, 401, 3);
    const { board, token } = await secretBoardWithPin();
    expectError(await api(mock, 'PATCH', `/v5/boards/${board.id}`, plain, { name: 'Open' }), 401, 3);
    const renamed = await api<Board>(mock, 'PATCH', `/v5/boards/${board.id}`, token, { name: 'Open' });
    expect(renamed.body).toMatchObject({ name: 'Open', privacy: 'SECRET' });
  });

  it('refuses to edit a PROTECTED board (403 code 29): the update has no PROTECTED privacy', async () => {
    const created = await api<Board>(mock, 'POST', '/v5/boards', writer, {
      name: 'Ads',
      privacy: 'PROTECTED',
    });
    expect(created.status).toBe(201);
    const response = await api(mock, 'PATCH', `/v5/boards/${created.body.id}`, writer, { name: 'More ads' });
    expectError(response, 403, 29);
  });
});

describe('DELETE /v5/boards/{board_id}', () => {
  it('deletes a board (204, no body) with its Pins: they 404 and leave GET /v5/pins and the lists', async () => {
    // 60 on the first board, 3 on each of the other 59.
    expect(await all<Pin>('/v5/pins', writer)).toHaveLength(237);
    expect(await all<Board>('/v5/boards', writer)).toHaveLength(60);
    const response = await api(mock, 'DELETE', `/v5/boards/${FIRST_BOARD}`, writer);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.get('x-ratelimit-limit')).toContain('name="org_write"');

    expectError(await api(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, writer), 404, 40);
    expectError(await api(mock, 'GET', `/v5/boards/${FIRST_BOARD}/pins`, writer), 404, 40);
    expectError(await api(mock, 'GET', `/v5/pins/${FIRST_PIN}`, writer), 404, 50);
    expect(await all<Pin>('/v5/pins', writer)).toHaveLength(177);
    const boards = (await all<Board>('/v5/boards', writer)).map((b) => b.id);
    expect(boards).toHaveLength(59);
    expect(boards).not.toContain(FIRST_BOARD);
    const account = await api(mock, 'GET', '/v5/user_account', writer);
    expect(account.body).toMatchObject({ board_count: 59, pin_count: 177 });
    // Gone: a second delete, a Pin on it, or a write to its Pins all 404.
    expectError(await api(mock, 'DELETE', `/v5/boards/${FIRST_BOARD}`, writer), 404, 40);
    expectError(await api(mock, 'DELETE', `/v5/pins/${FIRST_PIN}`, writer), 404, 50);
    const onIt = await api(mock, 'POST', '/v5/pins', writer, { board_id: FIRST_BOARD, media_source: IMAGE });
    expectError(onIt, 404, 40);
    // Its name is free again.
    const reused = await api(mock, 'POST', '/v5/boards', writer, { name: 'Summer recipes' });
    expect(reused.status).toBe(201);
  });

  it('answers 404 code 40, 401 code 7 for someone else’s board (which stays), 400 code 1 for a bad id', async () => {
    expectError(await api(mock, 'DELETE', '/v5/boards/999999999', writer), 404, 40);
    expectError(await api(mock, 'DELETE', `/v5/boards/${BOB_BOARD}`, writer), 401, 7);
    expectError(await api(mock, 'DELETE', '/v5/boards/abc', writer), 400, 1);
    mock.control.setAutoApprove('bob');
    const bob = (await login(mock, { scope: ALL_READ })).access_token;
    expect((await api(mock, 'GET', `/v5/boards/${BOB_BOARD}`, bob)).status).toBe(200);
    expect((await api(mock, 'GET', `/v5/pins/${BOB_PIN}`, bob)).status).toBe(200);
  });

  it('needs boards:write (401 code 3) and boards:write_secret for a secret board', async () => {
    mock.control.reset();
    const reader = (await login(mock, { scope: ALL_READ })).access_token;
    expectError(await api(mock, 'DELETE', `/v5/boards/${FIRST_BOARD}`, reader), 401, 3);
    const plain = (await login(mock, { scope: `${READ_WRITE},boards:read_secret` })).access_token;
    const { board, token } = await secretBoardWithPin();
    expectError(await api(mock, 'DELETE', `/v5/boards/${board.id}`, plain), 401, 3);
    expect((await api(mock, 'DELETE', `/v5/boards/${board.id}`, token)).status).toBe(204);
    expect((await api(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, reader)).status).toBe(200);
  });

  it('refuses client_credentials tokens (403 code 29): the spec lists user OAuth only', async () => {
    const client = await tokenRequest<{ access_token: string }>(mock, {
      grant_type: 'client_credentials',
      scope: 'boards:read,boards:write',
    });
    expect(client.status).toBe(200);
    const response = await api(mock, 'DELETE', `/v5/boards/${FIRST_BOARD}`, client.body.access_token);
    expectError(response, 403, 29);
    // Its update does accept them (the spec lists client_credentials there).
    const patch = await api(mock, 'PATCH', `/v5/boards/${FIRST_BOARD}`, client.body.access_token, {
      description: 'by the app owner',
    });
    expect(patch.status).toBe(200);
  });
});

describe('PATCH /v5/pins/{pin_id}', () => {
  it('updates title, description, link and alt_text (200, the updated Pin); null clears', async () => {
    const before = await api<Page<Pin>>(mock, 'GET', '/v5/pins?page_size=250', writer);
    expect(before.body.items.find((p) => p.id === FIRST_PIN)?.title).not.toBe('Edited');
    const updated = await api<Pin>(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, writer, {
      title: 'Edited',
      description: 'New words',
      link: 'https://example.com/edited',
      alt_text: 'A bowl of soup',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: FIRST_PIN,
      board_id: FIRST_BOARD,
      title: 'Edited',
      description: 'New words',
      link: 'https://example.com/edited',
      alt_text: 'A bowl of soup',
      is_owner: true,
    });
    expect(updated.headers.get('x-ratelimit-limit')).toContain('name="org_write"');
    const after = await api<Page<Pin>>(mock, 'GET', '/v5/pins?page_size=250', writer);
    expect(after.body.items.find((p) => p.id === FIRST_PIN)?.title).toBe('Edited');
    const onBoard = await api<Page<Pin>>(mock, 'GET', `/v5/boards/${FIRST_BOARD}/pins?page_size=1`, writer);
    expect(onBoard.body.items[0]).toMatchObject({ id: FIRST_PIN, link: 'https://example.com/edited' });

    const cleared = await api<Pin>(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, writer, { link: null });
    expect(cleared.body).toMatchObject({ link: null, title: 'Edited', alt_text: 'A bowl of soup' });
  });

  it('moves a Pin to another own board with board_id (counts follow)', async () => {
    const moved = await api<Pin>(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, writer, { board_id: SECOND_BOARD });
    expect(moved.status).toBe(200);
    expect(moved.body.board_id).toBe(SECOND_BOARD);
    const target = await api<Page<Pin>>(mock, 'GET', `/v5/boards/${SECOND_BOARD}/pins`, writer);
    expect(target.body.items.map((p) => p.id)[0]).toBe(FIRST_PIN);
    const source = await all<Pin>(`/v5/boards/${FIRST_BOARD}/pins`, writer);
    expect(source).toHaveLength(59);
    expect(source.map((p) => p.id)).not.toContain(FIRST_PIN);
    expect((await api<Board>(mock, 'GET', `/v5/boards/${SECOND_BOARD}`, writer)).body.pin_count).toBe(4);
    expect((await api<Board>(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, writer)).body.pin_count).toBe(59);
    expect(await all<Pin>('/v5/pins', writer)).toHaveLength(237);
  });

  it('answers 404 code 50, 401 code 7 for someone else’s Pin, 404 code 40 / 401 code 7 for a bad target board', async () => {
    expectError(await api(mock, 'PATCH', '/v5/pins/123456789', writer, { title: 'x' }), 404, 50);
    expectError(await api(mock, 'PATCH', `/v5/pins/${BOB_PIN}`, writer, { title: 'x' }), 401, 7);
    const path = `/v5/pins/${FIRST_PIN}`;
    expectError(await api(mock, 'PATCH', path, writer, { board_id: '999999' }), 404, 40);
    expectError(await api(mock, 'PATCH', path, writer, { board_id: BOB_BOARD }), 401, 7);
    expect((await api<Pin>(mock, 'GET', path, writer)).body.board_id).toBe(FIRST_BOARD);
  });

  it('answers 400 code 1 for invalid bodies and ids', async () => {
    const path = `/v5/pins/${FIRST_PIN}`;
    for (const body of [
      { title: 'x'.repeat(101) },
      { description: 'x'.repeat(801) },
      { link: 'x'.repeat(2049) },
      { alt_text: 'x'.repeat(501) },
      { board_id: 'abc' },
      { board_id: null },
      { title: 7 },
      { carousel_slots: 'no' },
      // An image Pin has no carousel slots: refused, not silently dropped.
      { carousel_slots: [{ title: 'slot' }] },
    ]) {
      const response = await api<ErrorBody>(mock, 'PATCH', path, writer, body);
      expectError(response, 400, 1);
      expect(response.body.message.length, JSON.stringify(body)).toBeGreaterThan(10);
    }
    expectError(await api(mock, 'PATCH', path, writer), 400, 1);
    expectError(await api(mock, 'PATCH', '/v5/pins/abc', writer, { title: 'x' }), 400, 1);
    // A section that is not on the Pin's board.
    expectError(await api(mock, 'PATCH', path, writer, { board_section_id: '123' }), 404, 40);
    // What the spec allows and the mock can hold passes.
    const fine = await api(mock, 'PATCH', path, writer, { board_section_id: null, carousel_slots: [] });
    expect(fine.status).toBe(200);
  });

  it('needs pins:write (401 code 3), and pins:write_secret for a Pin on, or moved to, a secret board', async () => {
    mock.control.reset();
    const reader = (await login(mock, { scope: ALL_READ })).access_token;
    expectError(await api(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, reader, { title: 'x' }), 401, 3);
    const noPinWrite = (await login(mock, { scope: 'boards:read,boards:write,pins:read' })).access_token;
    expectError(await api(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, noPinWrite, { title: 'x' }), 401, 3);
    const plain = (await login(mock, { scope: `${READ_WRITE},boards:read_secret,pins:read_secret` }))
      .access_token;
    const { board, pin, token } = await secretBoardWithPin();
    expectError(await api(mock, 'PATCH', `/v5/pins/${pin.id}`, plain, { title: 'x' }), 401, 3);
    const into = await api(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, plain, { board_id: board.id });
    expectError(into, 401, 3);
    const allowed = await api<Pin>(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, token, { board_id: board.id });
    expect(allowed.body.board_id).toBe(board.id);
  });
});

describe('DELETE /v5/pins/{pin_id}', () => {
  it('deletes a Pin (204, no body): it 404s and leaves the lists and counts', async () => {
    expect(await all<Pin>('/v5/pins', writer)).toHaveLength(237);
    const response = await api(mock, 'DELETE', `/v5/pins/${FIRST_PIN}`, writer);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expectError(await api(mock, 'GET', `/v5/pins/${FIRST_PIN}`, writer), 404, 50);
    expectError(await api(mock, 'DELETE', `/v5/pins/${FIRST_PIN}`, writer), 404, 50);
    const pins = await all<Pin>('/v5/pins', writer);
    expect(pins).toHaveLength(236);
    expect(pins.map((p) => p.id)).not.toContain(FIRST_PIN);
    expect((await api<Board>(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, writer)).body.pin_count).toBe(59);
    expect((await api(mock, 'GET', '/v5/user_account', writer)).body).toMatchObject({ pin_count: 236 });
  });

  it('answers 404 code 50, 401 code 7 for someone else’s Pin (which stays), 400 code 1 for a bad id', async () => {
    expectError(await api(mock, 'DELETE', '/v5/pins/123456789', writer), 404, 50);
    expectError(await api(mock, 'DELETE', `/v5/pins/${BOB_PIN}`, writer), 401, 7);
    expectError(await api(mock, 'DELETE', '/v5/pins/abc', writer), 400, 1);
    expect((await api<Pin>(mock, 'GET', `/v5/pins/${BOB_PIN}`, writer)).status).toBe(200);
  });

  it('needs pins:write (401 code 3) and pins:write_secret for a Pin on a secret board', async () => {
    mock.control.reset();
    const reader = (await login(mock, { scope: ALL_READ })).access_token;
    expectError(await api(mock, 'DELETE', `/v5/pins/${FIRST_PIN}`, reader), 401, 3);
    const plain = (await login(mock, { scope: `${READ_WRITE},boards:read_secret,pins:read_secret` }))
      .access_token;
    const { pin, token } = await secretBoardWithPin();
    expectError(await api(mock, 'DELETE', `/v5/pins/${pin.id}`, plain), 401, 3);
    expect((await api(mock, 'DELETE', `/v5/pins/${pin.id}`, token)).status).toBe(204);
  });
});

describe('updates and deletes across hosts', () => {
  it('keeps sandbox and production apart', async () => {
    const sandbox = (await login(mock, { scope: READ_WRITE }, '/sandbox')).access_token;
    expect((await api(mock, 'DELETE', `/sandbox/v5/boards/${FIRST_BOARD}`, sandbox)).status).toBe(204);
    expectError(await api(mock, 'GET', `/sandbox/v5/pins/${FIRST_PIN}`, sandbox), 404, 50);
    expect((await api(mock, 'GET', `/v5/boards/${FIRST_BOARD}`, writer)).status).toBe(200);
    expect((await api(mock, 'GET', `/v5/pins/${FIRST_PIN}`, writer)).status).toBe(200);

    const renamed = await api<Board>(mock, 'PATCH', `/v5/boards/${SECOND_BOARD}`, writer, { name: 'Prod' });
    expect(renamed.status).toBe(200);
    const inSandbox = await api<Board>(mock, 'GET', `/sandbox/v5/boards/${SECOND_BOARD}`, sandbox);
    expect(inSandbox.body.name).not.toBe('Prod');
    // A token of one host is no good on the other.
    expectError(await api(mock, 'PATCH', `/v5/pins/${FIRST_PIN}`, sandbox, { title: 'x' }), 401, 2);
    expectError(await api(mock, 'DELETE', `/sandbox/v5/pins/${FIRST_PIN}`, writer), 401, 2);
  });

  it('Trial: every update and delete on production → 403 code 29 pointing at the sandbox; the sandbox accepts them', async () => {
    const trial = await startPinterestMock({ autoApprove: 'alice', trial: true });
    try {
      const production = (await login(trial, { scope: READ_WRITE })).access_token;
      const calls: [string, string, unknown][] = [
        ['PATCH', `/v5/boards/${FIRST_BOARD}`, { name: 'Trial' }],
        ['DELETE', `/v5/boards/${FIRST_BOARD}`, undefined],
        ['PATCH', `/v5/pins/${FIRST_PIN}`, { title: 'Trial' }],
        ['DELETE', `/v5/pins/${FIRST_PIN}`, undefined],
      ];
      for (const [method, path, body] of calls) {
        const refused = await api<ErrorBody>(trial, method, path, production, body);
        expect(refused.status, `${method} ${path}`).toBe(403);
        expect(refused.body.code).toBe(29);
        expect(refused.body.message).toContain('https://api-sandbox.pinterest.com/v5');
        expect(refused.body.message).toContain(`${trial.sandboxApiUrl}/v5`);
      }
      expect((await api<Board>(trial, 'GET', `/v5/boards/${FIRST_BOARD}`, production)).body.name).toBe(
        'Summer recipes',
      );
      const sandbox = (await login(trial, { scope: READ_WRITE }, '/sandbox')).access_token;
      const expected = [200, 204, 200, 204];
      // Pin calls first, so the board still holds the Pin.
      for (const index of [2, 3, 0, 1]) {
        const [method, path, body] = calls[index] as [string, string, unknown];
        const response = await api(trial, method, `/sandbox${path}`, sandbox, body);
        expect(response.status, `${method} /sandbox${path}`).toBe(expected[index]);
      }
    } finally {
      await trial.close();
    }
  });

  it('uses the x-ratelimit-category and scopes openapi-v5.json gives each operation', () => {
    const operations: [string, string, string[]][] = [
      ['PATCH', '/boards/1', ['boards:read', 'boards:write']],
      ['DELETE', '/boards/1', ['boards:read', 'boards:write']],
      ['PATCH', '/pins/1', ['boards:read', 'boards:write', 'pins:read', 'pins:write']],
      ['DELETE', '/pins/1', ['boards:read', 'boards:write', 'pins:read', 'pins:write']],
    ];
    for (const [method, path, scopes] of operations) {
      const operation = findOperation(method, path);
      expect(operation?.['x-ratelimit-category'], `${method} ${path}`).toBe('org_write');
      const security = operation?.security as Record<string, string[]>[];
      expect(security[0]?.pinterest_oauth2, `${method} ${path}`).toEqual(scopes);
    }
    const deleteBoard = findOperation('DELETE', '/boards/1')?.security as Record<string, string[]>[];
    expect(deleteBoard.some((entry) => 'client_credentials' in entry)).toBe(false);
  });

  it('rate-limits writes in the org_write bucket (429 code 8)', async () => {
    const limited = await startPinterestMock({
      autoApprove: 'alice',
      rateLimits: { limits: { org_write: 2 } },
    });
    try {
      const token = (await login(limited, { scope: READ_WRITE })).access_token;
      expect((await api(limited, 'PATCH', `/v5/pins/${FIRST_PIN}`, token, { title: 'a' })).status).toBe(200);
      expect((await api(limited, 'DELETE', `/v5/pins/${FIRST_PIN}`, token)).status).toBe(204);
      const over = await api(limited, 'PATCH', `/v5/boards/${FIRST_BOARD}`, token, { name: 'b' });
      expectError(over, 429, 8);
      expect(over.headers.get('x-ratelimit-limit')).toBe('2, 2;w=60;name="org_write"');
      expect((await api(limited, 'GET', `/v5/boards/${FIRST_BOARD}`, token)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
