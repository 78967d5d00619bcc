/**
 * Publishing over real HTTP against the mock: least privilege then incremental consent, a Pin from uploaded
 * bytes and from a URL (it appears on the board), the image checked by its bytes and size, CSRF and origin on
 * the new POST, and no token in any answer.
 */
import { SEED_USERS } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageView, PinView } from '../server/views.js';
import type { CookieClient } from './helpers/http.js';
import { loggedInClient, loginThroughMock, type Stack, startStack } from './helpers/stack.js';

const ALICE = SEED_USERS[0]?.id ?? '';
const BOARD = SEED_USERS[0]?.boards?.[0]?.id ?? '';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

let stack: Stack;
let client: CookieClient;
let csrf: string;

beforeAll(async () => {
  stack = await startStack();
  ({ client, csrf } = await loggedInClient(stack));
});
afterAll(async () => {
  await stack?.close();
});

const post = (body: unknown, headers: Record<string, string> = { 'x-csrf-token': csrf }) =>
  client.request('/api/pins', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', origin: stack.publicBase, ...headers },
  });

describe('publishing a Pin', () => {
  it('the login asks for read scopes only; the first publish answers 403 missing_scope naming pins:write and boards:write, before calling Pinterest', async () => {
    const record = await stack.auth.getTokens(ALICE);
    expect(record?.scopes).not.toContain('pins:write');
    const before = stack.upstreamHits();
    const response = await post({ board_id: BOARD, image_base64: PNG.toString('base64'), title: 'Hello' });
    expect(response.status).toBe(403);
    const body = response.json<{ error: string; missing_scopes: string[]; message: string }>();
    expect(body.error).toBe('missing_scope');
    expect([...body.missing_scopes].sort()).toEqual(['boards:write', 'pins:write']);
    expect(body.message).toMatch(/pins:write/);
    expect(stack.upstreamHits()).toBe(before);
  });

  it('refuses an unknown scope in a grant link, naming it', async () => {
    const response = await client.request('/auth/login?grant=pins:fly');
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
    expect(response.text).toContain('pins:fly');
  });

  it('the incremental consent asks for the login scopes plus the grant, keeps returnTo, and the same account gains pins:write', async () => {
    const trace = await loginThroughMock(
      stack,
      client,
      `/auth/login?grant=pins:write,boards:write&returnTo=${encodeURIComponent('/?new-pin')}`,
    );
    const asked = (trace.consentUrl.searchParams.get('scope') ?? '').split(',').sort();
    expect(asked).toEqual(['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read']);
    expect(trace.callbackResponse.status).toBe(303);
    expect(trace.callbackResponse.location()).toBe('/?new-pin');
    const session = (await client.request('/api/session')).json<{ csrfToken: string }>();
    csrf = session.csrfToken;
    expect((await stack.auth.getTokens(ALICE))?.scopes).toContain('pins:write');
  });

  it('creates a Pin from uploaded PNG bytes; it appears on the board; no token in the answer', async () => {
    const response = await post({
      board_id: BOARD,
      image_base64: PNG.toString('base64'),
      title: 'From bytes',
      description: 'A tiny PNG',
      link: 'https://example.com/tiny',
      alt_text: 'One pixel',
    });
    expect(response.status, response.text).toBe(201);
    const created = response.json<{ pin: PinView; boardId: string }>();
    expect(created.pin.title).toBe('From bytes');
    expect(created.boardId).toBe(BOARD);
    expect(response.text).not.toMatch(/pin[arc][._-]/);
    const pins = (
      await client.request(`/api/boards/${BOARD}/pins`, { headers: { 'x-csrf-token': csrf } })
    ).json<PageView<PinView>>();
    expect(pins.items.map((pin) => pin.id)).toContain(created.pin.id);
  });

  it('creates a Pin from an image URL', async () => {
    const response = await post({
      board_id: BOARD,
      image_url: 'https://example.com/cat.jpg',
      title: 'From URL',
    });
    expect(response.status, response.text).toBe(201);
    expect(response.json<{ pin: PinView }>().pin.title).toBe('From URL');
  });

  it('judges the image by its bytes: a GIF named anything is 415, naming its type; nothing reaches Pinterest', async () => {
    const before = stack.upstreamHits();
    const response = await post({ board_id: BOARD, image_base64: GIF.toString('base64') });
    expect(response.status).toBe(415);
    expect(response.json()).toMatchObject({ error: 'unsupported_image' });
    expect(response.text).toContain('image/gif');
    expect(stack.upstreamHits()).toBe(before);
  });

  it('refuses an image over 10 MB with 413 and a message saying the limit', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 1);
    PNG.copy(big);
    const response = await post({ board_id: BOARD, image_base64: big.toString('base64') });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({ error: 'too_large' });
    expect(response.text).toContain('10 MB');
  });

  it.each([
    [
      'both an image and a URL',
      { image_base64: PNG.toString('base64'), image_url: 'https://example.com/a.png' },
    ],
    ['no image', {}],
    ['a board id that is not digits', { board_id: '../me', image_url: 'https://example.com/a.png' }],
    ['a javascript: link', { image_url: 'https://example.com/a.png', link: 'javascript:alert(1)' }],
    ['a title over 100 characters', { image_url: 'https://example.com/a.png', title: 'x'.repeat(101) }],
  ])('refuses %s with 400 before calling Pinterest', async (_name, fields) => {
    const before = stack.upstreamHits();
    const response = await post({ board_id: BOARD, ...fields });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
    expect(stack.upstreamHits()).toBe(before);
  });

  it('CSRF and origin on the new POST: no header, a wrong header, another origin → 403; Pinterest never called', async () => {
    const before = stack.upstreamHits();
    const body = { board_id: BOARD, image_url: 'https://example.com/a.png' };
    expect((await post(body, {})).json()).toMatchObject({ error: 'csrf' });
    expect((await post(body, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    const foreign = await post(body, { 'x-csrf-token': csrf, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json()).toMatchObject({ error: 'forbidden_origin' });
    const sameSite = await post(body, { 'x-csrf-token': csrf, 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    expect(stack.upstreamHits()).toBe(before);
  });

  it('lists board choices and a board’s sections for the dialog', async () => {
    const choices = (await client.request('/api/board-choices', { headers: { 'x-csrf-token': csrf } })).json<{
      items: Array<{ id: string; name: string }>;
    }>();
    expect(choices.items.length).toBe(60);
    expect(choices.items[0]).toEqual({ id: BOARD, name: expect.any(String) });
    const sections = await client.request(`/api/boards/${BOARD}/sections`, {
      headers: { 'x-csrf-token': csrf },
    });
    expect(sections.status).toBe(200);
    expect(Array.isArray(sections.json<{ items: unknown[] }>().items)).toBe(true);
  });
});
