/**
 * AES-256-GCM encryption of stored values (node:crypto), so that a Redis dump, `MONITOR` output or a replica does
 * not leak tokens. Each value gets a fresh 96-bit IV (NIST SP 800-38D §8.2.2) and is bound to the key it is
 * stored under through GCM's additional authenticated data, so a record copied to another account's key does
 * not decrypt.
 *
 * Sealed format: `enc1.<key fingerprint>.<iv, base64url>.<ciphertext + tag, base64url>`. The key fingerprint
 * (8 hex chars of the key's SHA-256) lets a wrong key be named in the error without revealing it.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { RedisStoreError } from './errors.js';

/** Environment variable read by `createRedisStores()` when no `encryptionKey` option is given. */
export const ENCRYPTION_KEY_ENV = 'PINTEREST_TOKEN_ENCRYPTION_KEY';

const SEALED_PREFIX = 'enc1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const GENERATE_HINT =
  'Generate one with `openssl rand -base64 32` (or `node -e "console.log(crypto.randomBytes(32).toString(\'base64\'))"`).';

/** Encrypts and decrypts stored values; see the module documentation for the format. */
export interface RecordCipher {
  /** Fingerprint (8 hex chars of SHA-256) of the key: safe to log, names the key in errors. */
  readonly keyFingerprint: string;
  /** Encrypt `plaintext`, bound to `context` (the logical key it is stored under). */
  seal(plaintext: string, context: string): Promise<string>;
  /** Decrypt a value made by {@link RecordCipher.seal} with the same key and `context`. */
  open(sealed: string, context: string): Promise<string>;
}

/**
 * Turn the configured key into 32 raw bytes. Accepts standard or URL-safe base64 (padding optional) or the
 * bytes themselves.
 * @param source - how the key was given, for the error message (e.g. the environment variable's name).
 * @throws RedisStoreError `INVALID_ENCRYPTION_KEY` naming what was wrong (never the key itself).
 */
export function parseEncryptionKey(value: string | Uint8Array, source: string): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.byteLength !== KEY_BYTES) {
      throw invalidKey(
        `${source} is ${value.byteLength} bytes long; AES-256-GCM needs exactly ${KEY_BYTES}.`,
      );
    }
    return new Uint8Array(value);
  }
  const text = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw invalidKey(`${source} is not base64 (it should be 32 random bytes, base64-encoded).`);
  }
  const bytes = Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (bytes.byteLength !== KEY_BYTES) {
    throw invalidKey(
      `${source} decodes to ${bytes.byteLength} bytes; AES-256-GCM needs exactly ${KEY_BYTES} (44 base64 characters).`,
    );
  }
  return new Uint8Array(bytes);
}

function invalidKey(message: string): RedisStoreError {
  return new RedisStoreError('INVALID_ENCRYPTION_KEY', message, { hint: GENERATE_HINT });
}

/** Fingerprint of raw key bytes: first 8 hex characters of their SHA-256. */
export function keyFingerprint(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Create a cipher for a 32-byte key (see {@link parseEncryptionKey}).
 *
 * node:crypto rather than WebCrypto: every token read decrypts, and WebCrypto's asynchronous dispatch made a
 * small-record decrypt about 7× slower (measured: ~17k vs ~120k per second on the CI machine).
 */
export function createRecordCipher(rawKey: Uint8Array): RecordCipher {
  const fingerprint = keyFingerprint(rawKey);
  const key = Buffer.from(rawKey);

  return {
    keyFingerprint: fingerprint,
    async seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_PREFIX}${fingerprint}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(SEALED_PREFIX)) {
        throw new RedisStoreError(
          'DECRYPT_FAILED',
          `A stored value is not encrypted, but an encryption key (fingerprint ${fingerprint}) is configured.`,
          {
            hint: 'It was written before encryption was turned on. Log the account in again (or delete the key) so it is rewritten encrypted.',
          },
        );
      }
      const parts = sealed.slice(SEALED_PREFIX.length).split('.');
      const [kid, ivText, bodyText] = parts;
      if (parts.length !== 3 || kid === undefined || ivText === undefined || bodyText === undefined) {
        throw corrupt();
      }
      if (kid !== fingerprint) {
        throw new RedisStoreError(
          'DECRYPT_FAILED',
          `A stored value was encrypted with key ${kid}, but the configured ${ENCRYPTION_KEY_ENV} is key ${fingerprint}.`,
          {
            hint: `Set ${ENCRYPTION_KEY_ENV} to the key the records were written with (every instance must use the same key).`,
          },
        );
      }
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.byteLength !== IV_BYTES || body.byteLength < TAG_BYTES) throw corrupt();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(body.subarray(body.byteLength - TAG_BYTES));
        const plaintext = Buffer.concat([
          decipher.update(body.subarray(0, body.byteLength - TAG_BYTES)),
          decipher.final(),
        ]);
        return utf8.decode(plaintext);
      } catch {
        throw new RedisStoreError(
          'DECRYPT_FAILED',
          `A stored value failed authentication with key ${fingerprint}: it was altered, or copied from another key.`,
          { hint: 'Delete the key and log the account in again; check who else can write to this Redis.' },
        );
      }
    },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function corrupt(): RedisStoreError {
  return new RedisStoreError('CORRUPT_RECORD', 'A stored encrypted value is malformed.', {
    hint: 'It was not written by @kit/redis-store; delete the key and log the account in again.',
  });
}

/**
 * Thrown when a value is sealed but no key is configured: the caller reads encrypted records without
 * `PINTEREST_TOKEN_ENCRYPTION_KEY`.
 */
export function missingKeyError(): RedisStoreError {
  return new RedisStoreError(
    'DECRYPT_FAILED',
    `A stored value is encrypted, but no encryption key is configured (${ENCRYPTION_KEY_ENV} is not set).`,
    {
      hint: `Set ${ENCRYPTION_KEY_ENV} (or the encryptionKey option) to the key the records were written with.`,
    },
  );
}

/** Whether a stored string is in the sealed format. */
export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}
