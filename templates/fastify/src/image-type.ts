/**
 * What an uploaded image really is, from its first bytes (the "magic numbers"), never from a file name or a
 * declared type. Pinterest takes JPEG and PNG as `image_base64`.
 */

/** Image types a new Pin may be made of. */
export type PinImageType = 'image/jpeg' | 'image/png';

const SIGNATURES: Array<{ type: string; bytes: number[] }> = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // Recognised only to name them in the refusal.
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', bytes: [0x52, 0x49, 0x46, 0x46] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
];

/** The type the bytes say they are (`undefined` when none of the known signatures matches). */
export function sniffImageType(data: Uint8Array): string | undefined {
  return SIGNATURES.find(({ bytes }) => bytes.every((byte, i) => data[i] === byte))?.type;
}

/** True for the types Pinterest accepts as `image_base64`. */
export function isPinImageType(type: string | undefined): type is PinImageType {
  return type === 'image/jpeg' || type === 'image/png';
}
