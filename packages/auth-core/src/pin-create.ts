/**
 * Pin creation from the media a developer has at hand: a local image (`image_base64`), an image URL, several
 * images (a carousel), or a video (uploaded and processed first, with {@link uploadVideo}).
 *
 * @module
 */

import type { CallOptions, PinterestSchemas } from './api-types.js';
import { assertArgument } from './assert.js';
import type { PinterestClient } from './client.js';
import { type UploadVideoOptions, uploadVideo, type VideoFile } from './media-upload.js';

/** The Pin's own fields (everything of `POST /v5/pins` but its media); `board_id` is required. */
export type PinFields = Omit<PinterestSchemas['PinCreate'], 'media_source'> & { board_id: string };
/** The created Pin. */
export type CreatedPin = PinterestSchemas['Pin'];
/** Image types Pinterest accepts as base64. */
export type ImageContentType = PinterestSchemas['ContentType'];
/** An image in memory: its bytes and type (read a local file with `fs.readFile`). */
export interface LocalImage {
  data: Uint8Array | ArrayBuffer;
  contentType: ImageContentType;
}

/** One image of a carousel: a URL, or bytes in memory, with its own title, description and link. */
export type CarouselImage = ({ url: string } | LocalImage) & {
  title?: string;
  description?: string;
  link?: string;
};

const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];

function base64(data: Uint8Array | ArrayBuffer): string {
  return Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data)).toString('base64');
}

function assertPin(pin: PinFields): void {
  assertArgument(typeof pin === 'object' && pin !== null, 'the Pin', 'an object ({ board_id, title?, … })');
  assertArgument(
    typeof pin.board_id === 'string' && pin.board_id !== '',
    'pin.board_id',
    'a board id (string)',
  );
}

function assertImage(image: LocalImage, name: string): void {
  assertArgument(
    image?.data instanceof Uint8Array || image?.data instanceof ArrayBuffer,
    `${name}.data`,
    'the image bytes (Uint8Array or ArrayBuffer)',
  );
  assertArgument(
    IMAGE_TYPES.includes(image.contentType),
    `${name}.contentType`,
    '"image/jpeg" or "image/png"',
  );
}

/** Create a Pin from an image in memory (sent as `image_base64`). */
export function createPinFromImage(
  client: PinterestClient,
  pin: PinFields,
  image: LocalImage,
  options: CallOptions = {},
): Promise<CreatedPin> {
  assertPin(pin);
  assertImage(image, 'image');
  return client.post('/pins', {
    body: {
      ...pin,
      media_source: {
        source_type: 'image_base64',
        content_type: image.contentType,
        data: base64(image.data),
      },
    },
    signal: options.signal,
  });
}

/** Create a Pin from an image Pinterest fetches itself (`image_url`). */
export function createPinFromImageUrl(
  client: PinterestClient,
  pin: PinFields,
  url: string,
  options: CallOptions = {},
): Promise<CreatedPin> {
  assertPin(pin);
  assertArgument(typeof url === 'string' && /^https?:\/\//.test(url), 'the image url', 'an http(s) URL');
  return client.post('/pins', {
    body: { ...pin, media_source: { source_type: 'image_url', url } },
    signal: options.signal,
  });
}

/**
 * Create a carousel Pin from 2–5 images, all URLs (`multiple_image_urls`) or all in memory
 * (`multiple_image_base64`).
 */
export function createCarouselPin(
  client: PinterestClient,
  pin: PinFields,
  images: CarouselImage[],
  options: CallOptions = {},
): Promise<CreatedPin> {
  assertPin(pin);
  assertArgument(
    Array.isArray(images) && images.length >= 2 && images.length <= 5,
    'images',
    'an array of 2 to 5 images',
  );
  const extras = ({ title, description, link }: CarouselImage) => ({
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(link !== undefined ? { link } : {}),
  });
  const urls = images.filter((i): i is CarouselImage & { url: string } => 'url' in i);
  let media_source: PinterestSchemas['PinCreate']['media_source'];
  if (urls.length === images.length) {
    for (const [n, image] of urls.entries()) {
      assertArgument(/^https?:\/\//.test(image.url), `images[${n}].url`, 'an http(s) URL');
    }
    media_source = {
      source_type: 'multiple_image_urls',
      items: urls.map((image) => ({ url: image.url, ...extras(image) })),
    };
  } else {
    assertArgument(urls.length === 0, 'images', 'all URLs or all in memory, not a mix');
    const local = images as (LocalImage & CarouselImage)[];
    for (const [n, image] of local.entries()) assertImage(image, `images[${n}]`);
    media_source = {
      source_type: 'multiple_image_base64',
      items: local.map((image) => ({
        content_type: image.contentType,
        data: base64(image.data),
        ...extras(image),
      })),
    };
  }
  return client.post('/pins', { body: { ...pin, media_source }, signal: options.signal });
}

/** The cover of a video Pin: an image URL, or the frame at a time (seconds) of the video. */
export type VideoCover = { imageUrl: string } | { keyFrameTime: number };

/**
 * Create a video Pin: upload the video and wait for its processing ({@link uploadVideo}, with the same
 * progress callback and signal), then create the Pin with `source_type: "video_id"`.
 *
 * @throws MediaProcessingError (code `MEDIA_FAILED`) when Pinterest could not process the video.
 */
export async function createVideoPin(
  client: PinterestClient,
  pin: PinFields,
  video: VideoFile,
  cover: VideoCover,
  options: UploadVideoOptions = {},
): Promise<CreatedPin> {
  assertPin(pin);
  assertArgument(
    typeof cover === 'object' &&
      cover !== null &&
      ('imageUrl' in cover ? typeof cover.imageUrl === 'string' : Number.isFinite(cover.keyFrameTime)),
    'the cover',
    '{ imageUrl } or { keyFrameTime } (seconds)',
  );
  const media_id = await uploadVideo(client, video, options);
  return client.post('/pins', {
    body: {
      ...pin,
      media_source: {
        source_type: 'video_id',
        media_id,
        ...('imageUrl' in cover
          ? { cover_image_url: cover.imageUrl }
          : { cover_image_key_frame_time: cover.keyFrameTime }),
      },
    },
    signal: options.signal,
  });
}
