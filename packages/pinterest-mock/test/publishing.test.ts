import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PinterestMock, SEED_USERS, startPinterestMock } from '../src/index.js';
import { api, EVERY_SCOPE, login } from './support/client.js';

interface Pin {
  id: string;
  board_id: string;
  board_section_id: string | null;
  creative_type: string;
  parent_pin_id: string | null;
  media: { media_type: string; items?: unknown[]; images?: Record<string, { url: string }> };
}
interface Page<T> {
  items: T[];
  bookmark: string | null;
}
interface MediaUpload {
  media_id: string;
  upload_url: string;
  upload_parameters: Record<string, string>;
}

let mock: PinterestMock;
let token: string;
const BOARD = SEED_USERS[0]?.boards?.[1]?.id ?? '';
// A 1×1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.control.reset();
  token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
});

/** The multipart POST a client sends to `upload_url`: every signed field, then the file last. */
async function upload(
  media: MediaUpload,
  file: Uint8Array<ArrayBuffer>,
  fields = media.upload_parameters,
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file], { type: 'video/mp4' }), 'clip.mp4');
  return fetch(media.upload_url, { method: 'POST', body: form });
}

async function registerVideo(): Promise<MediaUpload> {
  const created = await api<MediaUpload>(mock, 'POST', '/v5/media', token, { media_type: 'video' });
  expect(created.status).toBe(201);
  return created.body;
}

describe('video upload', () => {
  it('goes registered → processing → succeeded on the mock clock, then makes a video Pin', async () => {
    const media = await registerVideo();
    expect(media.upload_url.startsWith(`${mock.url}/`)).toBe(true);
    expect(Object.keys(media.upload_parameters)).toEqual(
      expect.arrayContaining(['key', 'policy', 'x-amz-signature', 'x-amz-credential', 'Content-Type']),
    );
    const status = async () =>
      (await api<{ status: string }>(mock, 'GET', `/v5/media/${media.media_id}`, token)).body.status;
    expect(await status()).toBe('registered');
    const early = await api(mock, 'POST', '/v5/pins', token, {
      board_id: BOARD,
      media_source: { source_type: 'video_id', media_id: media.media_id, cover_image_key_frame_time: 1 },
    });
    expect(early.status).toBe(400);

    const uploaded = await upload(media, new Uint8Array(2048).fill(1));
    expect(uploaded.status).toBe(204);
    expect(await status()).toBe('processing');
    mock.control.advanceClock(5);
    expect(await status()).toBe('succeeded');
    const listed = await api<Page<{ media_id: string }>>(mock, 'GET', '/v5/media', token);
    expect(listed.body.items.map((m) => m.media_id)).toContain(media.media_id);

    const pin = await api<Pin>(mock, 'POST', '/v5/pins', token, {
      board_id: BOARD,
      title: 'A clip',
      media_source: { source_type: 'video_id', media_id: media.media_id, cover_image_key_frame_time: 1 },
    });
    expect(pin.status).toBe(201);
    expect(pin.body).toMatchObject({ creative_type: 'VIDEO', media: { media_type: 'video' } });
  });

  it('refuses uploads with a changed signed field, no file, or twice; an unknown media is 404', async () => {
    const media = await registerVideo();
    const forged = await upload(media, new Uint8Array(10), { ...media.upload_parameters, policy: 'forged' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('policy');
    const form = new FormData();
    for (const [name, value] of Object.entries(media.upload_parameters)) form.append(name, value);
    expect((await fetch(media.upload_url, { method: 'POST', body: form })).status).toBe(400);
    expect((await upload(media, new Uint8Array(10))).status).toBe(204);
    expect((await upload(media, new Uint8Array(10))).status).toBe(409);
    const unknown = await api<{ code: number }>(mock, 'GET', '/v5/media/123', token);
    expect(unknown.status).toBe(404);
  });

  it('ends failed when the control plane fails the next upload', async () => {
    mock.control.failNextMediaUploads(1);
    mock.control.setMediaProcessingSeconds(30);
    const media = await registerVideo();
    expect((await upload(media, new Uint8Array(10))).status).toBe(204);
    mock.control.advanceClock(29);
    const during = await api<{ status: string }>(mock, 'GET', `/v5/media/${media.media_id}`, token);
    expect(during.body.status).toBe('processing');
    mock.control.advanceClock(2);
    const after = await api<{ status: string }>(mock, 'GET', `/v5/media/${media.media_id}`, token);
    expect(after.body.status).toBe('failed');
  });
});

describe('Pins from every source type land in their board and section', () => {
  it('image_url, image_base64, multiple_image_urls, multiple_image_base64 and pin_url', async () => {
    const section = await api<{ id: string; name: string }>(
      mock,
      'POST',
      `/v5/boards/${BOARD}/sections`,
      token,
      {
        name: 'New section',
      },
    );
    expect(section.status).toBe(201);
    const sources = [
      { source_type: 'image_url', url: 'https://example.com/a.jpg' },
      { source_type: 'image_base64', content_type: 'image/png', data: PNG },
      {
        source_type: 'multiple_image_urls',
        items: [{ url: 'https://example.com/1.jpg', title: 'One' }, { url: 'https://example.com/2.jpg' }],
      },
      {
        source_type: 'multiple_image_base64',
        items: [
          { content_type: 'image/png', data: PNG },
          { content_type: 'image/jpeg', data: PNG },
        ],
      },
      { source_type: 'pin_url' },
    ];
    const created: Pin[] = [];
    for (const media_source of sources) {
      const response = await api<Pin>(mock, 'POST', '/v5/pins', token, {
        board_id: BOARD,
        board_section_id: section.body.id,
        title: media_source.source_type,
        media_source,
      });
      expect(response.status, media_source.source_type).toBe(201);
      expect(response.body.board_section_id).toBe(section.body.id);
      created.push(response.body);
    }
    expect(created[2]?.media.media_type).toBe('multiple_images');
    expect(created[2]?.creative_type).toBe('CAROUSEL');
    const inSection = await api<Page<Pin>>(
      mock,
      'GET',
      `/v5/boards/${BOARD}/sections/${section.body.id}/pins`,
      token,
    );
    expect(inSection.body.items.map((p) => p.id).sort()).toEqual(created.map((p) => p.id).sort());
    const onBoard = await api<Page<Pin>>(mock, 'GET', `/v5/boards/${BOARD}/pins?page_size=250`, token);
    expect(onBoard.body.items.map((p) => p.id)).toEqual(expect.arrayContaining(created.map((p) => p.id)));
    // The images the Pins point at are served by the mock.
    const image = await fetch(created[0]?.media.images?.['400x300']?.url ?? '');
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('refuses a carousel of one, bad base64 and a section of another board', async () => {
    const one = await api<{ code: number; message: string }>(mock, 'POST', '/v5/pins', token, {
      board_id: BOARD,
      media_source: { source_type: 'multiple_image_urls', items: [{ url: 'https://example.com/1.jpg' }] },
    });
    expect(one.status).toBe(400);
    expect(one.body.message).toContain('items');
    const bad = await api(mock, 'POST', '/v5/pins', token, {
      board_id: BOARD,
      media_source: { source_type: 'image_base64', content_type: 'image/png', data: 'not base64!' },
    });
    expect(bad.status).toBe(400);
    const elsewhere = await api(mock, 'POST', '/v5/pins', token, {
      board_id: BOARD,
      board_section_id: '5100001000001',
      media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('saves a Pin to another board and section, and sections list, rename and delete', async () => {
    const first = SEED_USERS[0]?.boards?.[0];
    const sections = await api<Page<{ id: string; name: string }>>(
      mock,
      'GET',
      `/v5/boards/${first?.id}/sections`,
      token,
    );
    expect(sections.body.items.map((s) => s.name)).toEqual(['Salads', 'Drinks']);
    const salads = await api<Page<Pin>>(
      mock,
      'GET',
      `/v5/boards/${first?.id}/sections/5100001000001/pins`,
      token,
    );
    expect(salads.body.items).toHaveLength(2);
    const saved = await api<Pin>(mock, 'POST', `/v5/pins/${first?.pins?.[0]?.id}/save`, token, {
      board_id: BOARD,
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ board_id: BOARD, parent_pin_id: first?.pins?.[0]?.id });
    const renamed = await api<{ name: string }>(
      mock,
      'PATCH',
      `/v5/boards/${first?.id}/sections/5100001000001`,
      token,
      {
        name: 'Greens',
      },
    );
    expect(renamed.body.name).toBe('Greens');
    const gone = await api(mock, 'DELETE', `/v5/boards/${first?.id}/sections/5100001000001`, token);
    expect(gone.status).toBe(204);
    const board = await api<{ pin_count: number }>(mock, 'GET', `/v5/boards/${first?.id}`, token);
    expect(board.body.pin_count).toBe(58);
  });
});
