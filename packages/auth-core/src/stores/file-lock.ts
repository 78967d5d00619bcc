import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { LockTimeoutError } from '../errors.js';
import type { RefreshLockOptions, ReleaseLock } from './types.js';

interface LockContent {
  token: string;
  pid: number;
  host: string;
  expiresAt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether a process with this id runs on this machine (lock files and temp files name their writer). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockContent | undefined | 'garbled'> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return 'garbled';
    return parsed as LockContent;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return 'garbled';
  }
}

function isStale(content: LockContent, now: number): boolean {
  if (content.expiresAt <= now) return true;
  return content.host === hostname() && content.pid !== process.pid && !isAlive(content.pid);
}

/**
 * Take an exclusive lock file at `path`, cross-process on one machine.
 *
 * The lock file is created complete (written to a private temp file, then hard-linked into place: `link` fails
 * atomically with EEXIST when the lock is held), so a reader never sees a half-written lock. A lock is stale
 * when its TTL has passed or its holder (same host) is no longer running; a stale lock is renamed away, checked
 * to be the very lock that was judged stale (else it is put back), and deleted.
 */
export async function acquireFileLock(path: string, options: RefreshLockOptions): Promise<ReleaseLock> {
  const deadline = Date.now() + options.waitMs;
  const token = randomBytes(12).toString('hex');
  let delay = 2;
  for (;;) {
    const content: LockContent = {
      token,
      pid: process.pid,
      host: hostname(),
      expiresAt: Date.now() + options.ttlMs,
    };
    const temp = `${path}.${process.pid}.${token}.tmp`; // pid in the name: swept if we die here
    await writeFile(temp, JSON.stringify(content), { mode: 0o600 });
    try {
      await link(temp, path);
      return () => releaseFileLock(path, token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temp).catch(() => {});
    }

    const held = await readLock(path);
    if (held === undefined) continue; // released between our link and our read
    if (held === 'garbled' || isStale(held, Date.now())) {
      await takeOverStale(path, held === 'garbled' ? undefined : held.token);
      continue;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new LockTimeoutError(`Timed out after ${options.waitMs} ms waiting for the lock file ${path}.`);
    }
    // Jittered, growing poll interval (2 → 50 ms) so that waiting processes do not wake in lock-step.
    await sleep(Math.min(remaining, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}

async function takeOverStale(path: string, staleToken: string | undefined): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved or released it first
  }
  const moved = await readLock(aside);
  const isTheStaleOne =
    staleToken === undefined ? moved === 'garbled' : typeof moved === 'object' && moved.token === staleToken;
  if (!isTheStaleOne) {
    // We raced and moved a fresh lock: put it back unless a newer one already took its place.
    await link(aside, path).catch(() => {});
  }
  await unlink(aside).catch(() => {});
}

async function releaseFileLock(path: string, token: string): Promise<void> {
  const held = await readLock(path);
  if (typeof held === 'object' && held.token === token) await unlink(path).catch(() => {});
}
