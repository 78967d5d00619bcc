// Bodies over the limit, streamed over real HTTP from a reused 64 KB block (no big buffer in the test): the
// API hosts answer 413 with Pinterest's error body after at most 50 MB; the upload URL answers S3's 400
// EntityTooLarge for a file over the size signed in its policy, before reading a declared-too-long body.
import http from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, EVERY_SCOPE, login } from './support/client.js';
import { assertMatchesSpec } from './support/openapi.js';

const MB = 1024 * 1024;
const BLOCK = Buffer.alloc(64 * 1024, 0x61);

let mock: PinterestMock;
let token: string;

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
  token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
});
afterAll(async () => {
  await mock.close();
});

/** `total` bytes of the same block, chunk by chunk. */
function* repeated(total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += BLOCK.length) {
    yield sent + BLOCK.length <= total ? BLOCK : BLOCK.subarray(0, total - sent);
  }
}

interface RawResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * A request whose body is a stream (chunked unless `content-length` is set), or only headers. Resolves with
 * the response even when the server answers and closes before the body is all sent.
 */
function send(
  path: string,
  headers: Record<string, string>,
  body: Iterable<Buffer> | undefined,
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, mock.url), { method: 'POST', headers });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
        request.destroy();
      });
    });
    // The server may close while the rest of the body is still on its way: only an error before any answer counts.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body) Readable.from(body).pipe(request);
    else request.flushHeaders();
  });
}

describe('API bodies over 50 MB', () => {
  const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  it('a declared Content-Length over the limit is 413 with Pinterest’s error body, before any byte is sent', async () => {
    const result = await send(
      '/v5/boards',
      { ...headers(), 'content-length': String(50 * MB + 1) },
      undefined,
    );
    expect(result.status).toBe(413);
    const body = JSON.parse(result.text);
    expect(body).toEqual({ code: 1, message: expect.stringContaining('52428800 bytes') });
    assertMatchesSpec('POST', '/v5/boards', 413, body, result.text);
    expect(result.headers['x-pinterest-rid']).toMatch(/^\d{16}$/);
  });

  it('a chunked body that passes the limit is 413 once 50 MB have arrived', async () => {
    const result = await send('/v5/boards', headers(), repeated(50 * MB + 2 * BLOCK.length));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text)).toMatchObject({ code: 1 });
    // The mock still answers afterwards.
    expect((await api(mock, 'GET', '/v5/boards', token)).status).toBe(200);
  });
});

describe('the upload URL’s size limit', () => {
  interface Media {
    media_id: string;
    upload_url: string;
    upload_parameters: Record<string, string>;
  }
  const BOUNDARY = 'mock-test-boundary';
  const register = async () =>
    (await api<Media>(mock, 'POST', '/v5/media', token, { media_type: 'video' })).body;

  /** The multipart body: every signed field, then a file of `size` bytes, streamed. */
  function* multipart(media: Media, size: number): Generator<Buffer> {
    for (const [name, value] of Object.entries(media.upload_parameters)) {
      yield Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
    }
    yield Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    yield* repeated(size);
    yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  }
  const uploadTo = (media: Media, size: number, extra: Record<string, string> = {}) =>
    send(
      new URL(media.upload_url).pathname,
      { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...extra },
      multipart(media, size),
    );

  it('signs 2 GB by default; a declared length past it is EntityTooLarge before the body is read', async () => {
    const media = await register();
    const policy = JSON.parse(Buffer.from(media.upload_parameters.policy ?? '', 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 0, 2 * 1024 * MB]);
    const result = await send(
      new URL(media.upload_url).pathname,
      {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(3 * 1024 * MB),
      },
      undefined,
    );
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toBe('application/xml');
    expect(result.text).toContain('<Code>EntityTooLarge</Code>');
    // Nothing was stored: the same upload still takes its file.
    expect((await uploadTo(media, 1000)).status).toBe(204);
  });

  it('a lowered limit (control plane) refuses a streamed file one byte over it and takes one exactly at it', async () => {
    const set = (bytes: unknown) =>
      fetch(`${mock.url}/_mock/media/upload-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bytes }),
      });
    expect((await set(0)).status).toBe(400);
    expect((await set(1.5)).status).toBe(400);
    expect((await set(MB)).status).toBe(200);
    const media = await register();
    const policy = JSON.parse(Buffer.from(media.upload_parameters.policy ?? '', 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 0, MB]);

    const over = await uploadTo(media, 3 * MB);
    expect(over.status).toBe(400);
    expect(over.text).toContain('<Code>EntityTooLarge</Code>');
    expect(over.text).toContain(`${MB} bytes`);
    const status = await api<{ status: string }>(mock, 'GET', `/v5/media/${media.media_id}`, token);
    expect(status.body.status).toBe('registered');

    const atLimit = await uploadTo(media, MB);
    expect(atLimit.status).toBe(204);
    expect(
      (await api<{ status: string }>(mock, 'GET', `/v5/media/${media.media_id}`, token)).body.status,
    ).toBe('processing');
    mock.control.reset();
    token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
    const fresh = await register();
    const again = JSON.parse(Buffer.from(fresh.upload_parameters.policy ?? '', 'base64').toString('utf8'));
    expect(again.conditions).toContainEqual(['content-length-range', 0, 2 * 1024 * MB]);
  });

  it('signed fields bigger than S3 allows are MaxPostPreDataLengthExceeded; a cut-off body is malformed', async () => {
    const media = await register();
    const bloated = send(
      new URL(media.upload_url).pathname,
      { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      [
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="key"\r\n\r\n`),
        ...repeated(64 * 1024),
      ],
    );
    expect((await bloated).text).toContain('<Code>MaxPostPreDataLengthExceeded</Code>');
    const cut = await send(
      new URL(media.upload_url).pathname,
      { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      [...multipart(media, 10)].slice(0, -1),
    );
    expect(cut.status).toBe(400);
    expect(cut.text).toContain('<Code>MalformedPOSTRequest</Code>');
  });
});
