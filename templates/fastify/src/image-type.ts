/**
 * What an uploaded file really is, from its first bytes (its "magic number"), not from the name or the
 * content type the browser sent, which anyone can set. Pinterest takes JPEG and PNG as `image_base64`.
 */

/** Image types a Pin can be created from as `image_base64`. */
export type UploadImageType = 'image/jpeg' | 'image/png';

const SIGNATURES: [UploadImageType, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The image type `bytes` start with, or `undefined` when they are neither JPEG nor PNG. */
export function imageTypeOf(bytes: Uint8Array): UploadImageType | undefined {
  return SIGNATURES.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte))?.[0];
}
