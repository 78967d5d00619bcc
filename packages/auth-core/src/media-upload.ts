/**
 * Video upload for video Pins, in Pinterest's three steps: register (`POST /v5/media`), upload the file to the
 * returned `upload_url` with its signed `upload_parameters` (multipart, no bearer token), then poll
 * `GET /v5/media/{media_id}` with back-off until Pinterest has processed it.
 *
 * @module
 */

import type { PinterestSchemas } from './api-types.js';
import { assertArgument } from './assert.js';
import type { PinterestClient } from './client.js';
import { MediaProcessingError, PinterestAuthError } from './errors.js';
import { assertJobOptions, type JobOptions, pollUntil, storageFetch, storageUrl } from './polling.js';

/** Where an upload is. */
export type MediaUploadPhase = 'registered' | 'uploading' | 'uploaded' | 'processing' | 'succeeded';

/** What `onProgress` is told at each step of {@link uploadVideo}. */
export interface MediaUploadProgress {
  phase: MediaUploadPhase;
  /** The media id (from registration on). */
  mediaId?: string;
  /** Bytes of the file sent so far, and in all (upload phases). */
  bytesSent?: number;
  totalBytes?: number;
  /** Pinterest's processing status (`registered`, `processing`, `succeeded`), while polling. */
  status?: PinterestSchemas['MediaUploadStatus'];
  /** The poll number, while polling. */
  poll?: number;
}

/** Options of {@link uploadVideo}. */
export interface UploadVideoOptions extends JobOptions {
  /** Told each step: registered, uploading, uploaded, processing (each poll), succeeded. */
  onProgress?: (progress: MediaUploadProgress) => void;
  /** The file name sent with the upload (default `video.mp4`). */
  filename?: string;
}

/** The video: bytes in memory, or a Blob (`await fs.openAsBlob(path)` for a local file, without reading it all). */
export type VideoFile = Blob | Uint8Array | ArrayBuffer;

function toBlob(file: VideoFile, type: string): Blob {
  if (file instanceof Blob) return file;
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}

/**
 * Upload a video and wait until Pinterest has processed it; resolves with the `media_id` to put in a Pin's
 * `media_source: { source_type: 'video_id', media_id }` (or use {@link createVideoPin}).
 *
 * @throws MediaProcessingError (code `MEDIA_FAILED`) when Pinterest answers `status: "failed"`;
 *   PinterestApiError for a failed call; the signal's reason when aborted.
 * @example
 * ```ts
 * const mediaId = await uploadVideo(client, await openAsBlob('clip.mp4'), {
 *   onProgress: (p) => console.log(p.phase, p.status ?? ''),
 * });
 * ```
 */
export async function uploadVideo(
  client: PinterestClient,
  file: VideoFile,
  options: UploadVideoOptions = {},
): Promise<string> {
  assertArgument(
    file instanceof Blob || file instanceof Uint8Array || file instanceof ArrayBuffer,
    'the video file',
    'a Blob (e.g. from fs.openAsBlob), a Uint8Array or an ArrayBuffer',
  );
  assertJobOptions(options);
  assertArgument(
    options.onProgress === undefined || typeof options.onProgress === 'function',
    'options.onProgress',
    'a function',
  );
  const { signal } = options;
  const report = (progress: MediaUploadProgress) => options.onProgress?.(progress);
  const blob = toBlob(file, 'video/mp4');
  assertArgument(blob.size > 0, 'the video file', 'non-empty');

  const registration = await client.post('/media', { body: { media_type: 'video' }, signal });
  const mediaId = registration?.media_id;
  if (typeof mediaId !== 'string' || mediaId === '') {
    throw new PinterestAuthError('PROTOCOL_ERROR', 'POST /v5/media answered without a "media_id".');
  }
  const uploadUrl = storageUrl(registration.upload_url, 'upload_url');
  report({ phase: 'registered', mediaId });

  // The signed fields first, the file last: storage hosts read the policy before the file.
  const form = new FormData();
  for (const [name, value] of Object.entries(registration.upload_parameters ?? {})) {
    if (typeof value === 'string') form.append(name, value);
  }
  form.append('file', blob, options.filename ?? 'video.mp4');
  report({ phase: 'uploading', mediaId, bytesSent: 0, totalBytes: blob.size });
  const upload = await storageFetch(
    options,
    uploadUrl,
    { method: 'POST', body: form, redirect: 'manual' },
    'the video upload',
  );
  await upload.body?.cancel();
  if (!upload.ok) {
    throw new PinterestAuthError(
      'PROTOCOL_ERROR',
      `The video upload to ${uploadUrl.host} answered ${upload.status} (expected 204).`,
      { hint: 'The signed upload parameters may have expired: upload again (it registers new media).' },
    );
  }
  report({ phase: 'uploaded', mediaId, bytesSent: blob.size, totalBytes: blob.size });

  await pollUntil(
    `Processing of media ${mediaId}`,
    async (poll) => {
      const media = await client.get('/media/{media_id}', { path: { media_id: mediaId }, signal });
      const status = media?.status;
      if (status === 'failed') throw new MediaProcessingError(mediaId);
      if (status === 'succeeded') return status;
      report({ phase: 'processing', mediaId, poll, ...(status ? { status } : {}) });
      return undefined;
    },
    options,
  );
  report({ phase: 'succeeded', mediaId, status: 'succeeded' });
  return mediaId;
}
