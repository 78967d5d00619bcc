/**
 * Local files for `pin create`: an image checked by its first bytes (JPEG or PNG, what `image_base64`
 * accepts) and size, a video opened as a Blob (streamed from disk, never read whole into memory).
 */
import { openAsBlob } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LocalImage } from '@kit/auth-core';
import { isPinImageType, sniffImageType } from './image-type.js';

/** Largest image sent as base64 (Pinterest's image limit is 20 MB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Largest video Pinterest takes (2 GB). */
export const MAX_VIDEO_BYTES = 2 * 1024 * 1024 * 1024;
const VIDEO_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
};

/** A local file that cannot be used; exit code 2 like a bad command line, the message says which and why. */
export class InputFileError extends Error {
  readonly code = 'INPUT_FILE';
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

async function sizeOf(path: string, option: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputFileError(`${option} ${path}: not a file.`);
    return info.size;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      code === 'ENOENT' ? `${option} ${path}: no such file.` : `${option} ${path}: cannot read it (${code}).`,
    );
  }
}

/** Reads a JPEG or PNG of at most {@link MAX_IMAGE_BYTES}. */
export async function readImage(path: string): Promise<LocalImage> {
  const size = await sizeOf(path, '--image');
  if (size === 0) throw new InputFileError(`--image ${path}: the file is empty.`);
  if (size > MAX_IMAGE_BYTES)
    throw new InputFileError(
      `--image ${path}: ${(size / 1_048_576).toFixed(1)} MB is over Pinterest's 20 MB; resize it or use --image-url.`,
    );
  const handle = await open(path, 'r');
  try {
    const data = new Uint8Array(size);
    await handle.read(data, 0, size, 0);
    const contentType = sniffImageType(data);
    if (!isPinImageType(contentType))
      throw new InputFileError(
        `--image ${path}: not a JPEG or PNG (Pinterest takes those two as an upload).`,
      );
    return { data, contentType };
  } finally {
    await handle.close();
  }
}

/** Opens a video (.mp4, .m4v or .mov, at most 2 GB) as a Blob read from disk as it is sent. */
export async function openVideo(path: string): Promise<{ blob: Blob; filename: string }> {
  const type = VIDEO_TYPES[extname(path).toLowerCase()];
  if (!type) throw new InputFileError(`--video ${path}: use an .mp4, .m4v or .mov file.`);
  const size = await sizeOf(path, '--video');
  if (size === 0) throw new InputFileError(`--video ${path}: the file is empty.`);
  if (size > MAX_VIDEO_BYTES) throw new InputFileError(`--video ${path}: over Pinterest's 2 GB limit.`);
  return { blob: await openAsBlob(path, { type }), filename: `video${extname(path).toLowerCase()}` };
}
