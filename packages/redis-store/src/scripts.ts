/**
 * The Lua scripts behind the atomic operations. Redis runs a script without interleaving any other command,
 * which is what makes compare-and-set and owner-checked unlock atomic across every instance.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run by its SHA-1 (EVALSHA), loaded with EVAL the first time a server has not seen it. */
export class LuaScript {
  /** SHA-1 of the source, as Redis names scripts. */
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Run with `keys` (KEYS[]) and `args` (ARGV[]). */
  async run(client: Redis, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      // NOSCRIPT: first use on this server, or its script cache was flushed (restart, SCRIPT FLUSH).
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return client.eval(this.source, keys.length, ...keys, ...args);
      }
      throw error;
    }
  }
}

/**
 * Token compare-and-set. KEYS[1] = token hash; ARGV[1] = 'create' (the key must not exist) or 'replace' (its
 * version must equal ARGV[2]); ARGV[3] = new version; ARGV[4] = encoded record. The hash is rebuilt from scratch
 * (no stray fields or expiry survive). Returns 1 when written, 0 when the version did not match.
 */
export const COMPARE_AND_SET = new LuaScript(`local current = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == 'create' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'record', ARGV[4])
return 1
`);

/** Lock release. KEYS[1] = lock key; ARGV[1] = owner id. Deletes the key only while it still holds ARGV[1]. */
export const RELEASE_LOCK = new LuaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);
