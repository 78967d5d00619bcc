/**
 * How values are written to Redis: JSON, sealed with AES-256-GCM when an encryption key is configured.
 *
 * @module
 */
import { isSealed, missingKeyError, type RecordCipher } from './encryption.js';
import { RedisStoreError } from './errors.js';

/** Serialises values for Redis and back. */
export interface ValueCodec {
  /** Whether values are encrypted. */
  readonly encrypted: boolean;
  encode(value: unknown, context: string): Promise<string>;
  decode(stored: string, context: string): Promise<unknown>;
}

/** A codec that encrypts with `cipher`, or stores plain JSON when there is none. */
export function createValueCodec(cipher: RecordCipher | undefined): ValueCodec {
  return {
    encrypted: cipher !== undefined,
    async encode(value, context) {
      const json = JSON.stringify(value);
      return cipher ? cipher.seal(json, context) : json;
    },
    async decode(stored, context) {
      let json: string;
      if (cipher) json = await cipher.open(stored, context);
      else if (isSealed(stored)) throw missingKeyError();
      else json = stored;
      try {
        return JSON.parse(json) as unknown;
      } catch {
        throw new RedisStoreError('CORRUPT_RECORD', 'A stored value is not valid JSON.', {
          hint: 'It was not written by @kit/redis-store; delete the key and log the account in again.',
        });
      }
    },
  };
}
