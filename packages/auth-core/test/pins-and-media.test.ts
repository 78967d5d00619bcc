// Pin creation and video uploads through the helpers, against the mock over HTTP.
import { describe, expect, it } from 'vitest';
import {
  createCarouselPin,
  createPinFromImage,
  createPinFromImageUrl,
  createVideoPin,
  ERROR_CODES,
  MediaProcessingError,
  type MediaUploadProgress,
  uploadVideo,
} from '../src/index.js';
import { authFor, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const VIDEO = new Uint8Array(64 * 1024).fill(7);
const FAST = { pollDelayMs: 20, maxPollDelayMs: 100 };

async function writer() {
  const auth = authFor(ctx.mock, {
    scopes: ['user_accounts:read', 'boards:read', 'boards:write', 'pins:read', 'pins:write'],
  });
  const { key } = await login(auth);
  const client = auth.client(key);
  const [board] = (await client.get('/boards', { query: { page_size: 1 } })).items;
  return { client, board_id: String(board?.id) };
}

describe('Pins from local images, URLs and carousels', () => {
  it('creates a Pin from a local image (image_base64) and reads it back', async () => {
    const { client, board_id } = await writer();
    const pin = await createPinFromImage(
      client,
      { board_id, title: 'Local' },
      { data: PNG, contentType: 'image/png' },
    );
    expect(pin).toMatchObject({ board_id, title: 'Local' });
    const sent = ctx.mock.control.requests().find((r) => r.method === 'POST' && r.path === '/v5/pins');
    expect(sent?.status).toBe(201);
    await expect(client.get('/pins/{pin_id}', { path: { pin_id: String(pin.id) } })).resolves.toMatchObject({
      title: 'Local',
    });
  });

  it('creates a Pin from an image URL and a carousel of images', async () => {
    const { client, board_id } = await writer();
    const fromUrl = await createPinFromImageUrl(client, { board_id }, 'https://example.com/a.jpg');
    expect(fromUrl.board_id).toBe(board_id);
    const carousel = await createCarouselPin(client, { board_id, title: 'Carousel' }, [
      { data: PNG, contentType: 'image/png', title: 'one' },
      { data: PNG, contentType: 'image/png', title: 'two' },
    ]);
    expect(carousel).toMatchObject({ board_id, title: 'Carousel' });
  });

  it('asserts its inputs with errors that say what to pass', async () => {
    const { client, board_id } = await writer();
    const before = ctx.mock.control.requests().length;
    const noBoard = rejectionOf(
      (async () => createPinFromImageUrl(client, {} as never, 'https://x.example/a.png'))(),
    );
    await expect(noBoard).resolves.toMatchObject({
      code: ERROR_CODES.INVALID_ARGUMENT,
      message: /pin\.board_id/,
    });
    const gif = rejectionOf(
      (async () =>
        createPinFromImage(client, { board_id }, { data: PNG, contentType: 'image/gif' as never }))(),
    );
    await expect(gif).resolves.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: /image\/jpeg" or "image\/png/,
    });
    expect(ctx.mock.control.requests()).toHaveLength(before);
  });
});

describe('video Pins through the media upload', () => {
  it('registers, uploads to upload_url without the bearer token, sees processing, then creates the Pin', async () => {
    const { client, board_id } = await writer();
    const progress: MediaUploadProgress[] = [];
    const pin = await createVideoPin(
      client,
      { board_id, title: 'Clip' },
      VIDEO,
      { keyFrameTime: 1 },
      {
        ...FAST,
        onProgress: (p) => {
          progress.push(p);
          if (p.phase === 'processing') ctx.mock.control.advanceClock(1); // processing runs on the mock's clock
        },
      },
    );
    expect(pin).toMatchObject({ board_id, title: 'Clip' });
    const phases = progress.map((p) => p.phase);
    expect(phases.slice(0, 3)).toEqual(['registered', 'uploading', 'uploaded']);
    expect(phases).toContain('processing');
    expect(phases.at(-1)).toBe('succeeded');
    expect(progress.find((p) => p.phase === 'uploaded')).toMatchObject({
      bytesSent: VIDEO.length,
      totalBytes: VIDEO.length,
    });
    const mediaId = progress[0]?.mediaId;
    const upload = ctx.mock.control
      .requests()
      .find((r) => r.method === 'POST' && r.path.includes(String(mediaId)));
    expect(upload?.status).toBe(204);
    expect(upload?.headers.authorization).toBeUndefined();
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/);
    const created = ctx.mock.control.requests().filter((r) => r.method === 'POST' && r.path === '/v5/pins');
    expect(created.map((r) => r.status)).toEqual([201]);
  });

  it('surfaces status "failed" as MediaProcessingError (MEDIA_FAILED) and creates no Pin', async () => {
    const { client } = await writer();
    const progress: MediaUploadProgress[] = [];
    ctx.mock.control.failNextMediaUploads(1); // the mock's processing ends `status: "failed"`
    const upload = uploadVideo(client, VIDEO, {
      ...FAST,
      onProgress: (p) => {
        progress.push(p);
        if (p.phase === 'processing') ctx.mock.control.advanceClock(1);
      },
    });
    const error = await rejectionOf(upload);
    expect(error).toBeInstanceOf(MediaProcessingError);
    expect(error).toMatchObject({ code: ERROR_CODES.MEDIA_FAILED, mediaId: progress[0]?.mediaId });
    expect(progress.map((p) => p.phase)).toContain('processing');
    expect(progress.map((p) => p.phase)).not.toContain('succeeded');
    expect(ctx.mock.control.requests().filter((r) => r.method === 'POST' && r.path === '/v5/pins')).toEqual(
      [],
    );
  });

  it('stops at once when its signal aborts', async () => {
    const { client } = await writer();
    const controller = new AbortController();
    const upload = uploadVideo(client, VIDEO, {
      ...FAST,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'processing') controller.abort(new Error('user cancelled'));
      },
    });
    await expect(upload).rejects.toThrow('user cancelled');
  });
});
