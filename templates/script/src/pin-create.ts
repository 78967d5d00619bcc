/**
 * `pin create`: a Pin from an image URL (`image_url`), a local image (`image_base64`) or a local video (the
 * media upload: register, upload with a progress bar, a spinner while Pinterest processes it, then the Pin).
 */
import {
  createPinFromImage,
  createPinFromImageUrl,
  createVideoPin,
  type PinFields,
  type PinterestClient,
  type PinterestSchemas,
} from '@kit/auth-core';
import type { ParsedArgs } from './args.js';
import { openVideo, readImage } from './media-files.js';
import type { Progress } from './progress.js';
import { countingFetch } from './upload-progress.js';

export interface PinCreateIo {
  out(text: string): void;
  progress: Progress;
  json: boolean;
  /** Where Pins are seen on the web (`https://www.pinterest.com`; the mock's URL in mock mode). */
  webUrl: string;
}

/** The Pin's page on the web. */
export const pinUrl = (webUrl: string, pinId: string) => `${webUrl.replace(/\/$/, '')}/pin/${pinId}/`;

export async function pinCreate(
  client: PinterestClient,
  board: string,
  options: NonNullable<ParsedArgs['pin']>,
  io: PinCreateIo,
): Promise<number> {
  const fields: PinFields = {
    board_id: board,
    ...(options.section ? { board_section_id: options.section } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.link !== undefined ? { link: options.link } : {}),
    ...(options.altText !== undefined ? { alt_text: options.altText } : {}),
  };
  const { media } = options;
  let pin: PinterestSchemas['Pin'];
  if (media.kind === 'image-url') {
    io.progress.step(`Creating the Pin from ${media.url}…`);
    pin = await createPinFromImageUrl(client, fields, media.url);
  } else if (media.kind === 'image') {
    const image = await readImage(media.file);
    io.progress.step(
      `Uploading ${media.file} (${image.contentType}, ${image.data.byteLength} bytes) as the Pin's image…`,
    );
    pin = await createPinFromImage(client, fields, image);
  } else {
    const { blob, filename } = await openVideo(media.file);
    const uploading = `Uploading ${media.file}`;
    pin = await createVideoPin(client, fields, blob, options.cover, {
      filename,
      fetch: countingFetch((sent, total) => io.progress.bar(uploading, sent, total)),
      onProgress: (p) => {
        if (p.phase === 'registered') io.progress.step(`Registered media ${p.mediaId} with Pinterest.`);
        if (p.phase === 'uploaded') io.progress.step(`${uploading}: done (${blob.size} bytes).`);
        if (p.phase === 'processing')
          io.progress.spin(`Pinterest is processing the video (${p.status ?? 'processing'})…`);
        if (p.phase === 'succeeded') io.progress.step('Pinterest processed the video; creating the Pin…');
      },
    });
  }
  const url = pinUrl(io.webUrl, pin.id);
  if (io.json) io.out(`${JSON.stringify({ ...pin, url }, null, 2)}\n`);
  else io.out(`${url}\n`);
  io.progress.step(`Created Pin ${pin.id} on board ${board}.`);
  return 0;
}
