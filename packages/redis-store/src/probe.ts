/**
 * The doctor's look at a Redis token store (`diagnose()` of `@kit/auth-core` calls `RedisTokenStore.probe()`):
 * Redis answers, keeps what it is given (persistence on), cannot evict token keys (`maxmemory-policy`), and
 * which accounts live under the key prefix. Reads only; `CONFIG` may be disabled (managed Redis), which is
 * reported as "cannot tell" rather than guessed.
 *
 * @module
 */
import type { StoreFinding, TokenStoreProbe } from '@kit/auth-core';
import type { RedisBackend } from './options.js';

const DOCS = '/troubleshooting/#redis-loses-or-cannot-reach-tokens';
const MAX_LISTED = 1000;

/** `field:value` lines of an `INFO` section. */
function infoField(info: string, field: string): string | undefined {
  const match = new RegExp(`^${field}:(.*)$`, 'm').exec(info);
  return match?.[1]?.trim();
}

/** The caller's account key back from the Redis key name (see keys.ts: `~` + UTF-16 hex for odd keys). */
function decodeKeyPart(part: string): string {
  return part.startsWith('~') ? Buffer.from(part.slice(1), 'hex').toString('utf16le') : part;
}

/** Probe the Redis behind `backend` for the token store. Never throws. */
export async function probeRedis(backend: RedisBackend): Promise<TokenStoreProbe> {
  const { connection, keys } = backend;
  const tokenPrefix = keys.key('token', '');
  const prefix = tokenPrefix.slice(0, -'token:'.length);
  const description = `redis ${connection.target} (key prefix "${prefix}"${backend.codec.encrypted ? `, encrypted at rest, key ${backend.keyFingerprint}` : ''})`;
  const findings: StoreFinding[] = [];
  try {
    await connection.run('checking the connection', (client) => client.ping());
  } catch (error) {
    findings.push({
      status: 'fail',
      summary: (error as Error).message,
      fix: 'Start Redis or point REDIS_URL at it: without it no instance can read or save tokens.',
      docs: DOCS,
    });
    return { description, findings };
  }
  findings.push({ status: 'pass', summary: 'Redis answers.' });

  const persistence = await connection.run('reading INFO persistence', (client) =>
    client.info('persistence'),
  );
  const aof = infoField(persistence, 'aof_enabled') === '1';
  let rdb: boolean | undefined;
  try {
    const save = (await connection.run('reading the save setting', (client) =>
      client.call('CONFIG', 'GET', 'save'),
    )) as string[];
    rdb = (save[1] ?? '').trim() !== '';
  } catch {
    rdb = undefined; // CONFIG disabled: only AOF is known
  }
  if (aof || rdb) {
    findings.push({ status: 'pass', summary: `Persistence on (${aof ? 'append-only file' : 'snapshots'}).` });
  } else if (rdb === undefined) {
    findings.push({
      status: 'warn',
      summary: 'No append-only file, and CONFIG is disabled, so snapshots cannot be checked.',
      fix: 'Make sure your Redis provider persists data (append-only file or snapshots): otherwise a restart logs every user out.',
      docs: DOCS,
    });
  } else {
    findings.push({
      status: 'fail',
      summary: 'Redis persists nothing (no snapshots, no append-only file): a restart logs every user out.',
      fix: 'Turn persistence on: appendonly yes in redis.conf (or CONFIG SET appendonly yes, then CONFIG REWRITE).',
      docs: DOCS,
    });
  }

  const memory = await connection.run('reading INFO memory', (client) => client.info('memory'));
  const policy = infoField(memory, 'maxmemory_policy') ?? 'unknown';
  if (policy.startsWith('allkeys-')) {
    findings.push({
      status: 'fail',
      summary: `maxmemory-policy ${policy} lets Redis evict token keys under memory pressure, which logs users out.`,
      fix: 'Set maxmemory-policy noeviction (or a volatile-* policy: token keys never expire, so those keep them).',
      docs: DOCS,
    });
  } else {
    findings.push({ status: 'pass', summary: `maxmemory-policy ${policy} never evicts token keys.` });
  }

  const accounts: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await connection.run('listing token keys', (client) =>
      client.scan(cursor, 'MATCH', `${tokenPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500),
    );
    cursor = next;
    for (const key of batch) accounts.push(decodeKeyPart(key.slice(tokenPrefix.length)));
  } while (cursor !== '0' && accounts.length < MAX_LISTED);
  if (prefix === '') {
    findings.push({
      status: 'warn',
      summary: 'No key prefix: another app on this Redis could overwrite these keys.',
      fix: 'Give each app its own keyPrefix, e.g. "my-app:".',
      docs: DOCS,
    });
  } else {
    findings.push({
      status: 'pass',
      summary: `${accounts.length} account${accounts.length === 1 ? '' : 's'} under ${tokenPrefix}*.`,
    });
  }
  return { description, findings, accounts };
}
