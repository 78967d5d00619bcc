/**
 * Which account the commands act as. The token file (a FileTokenStore) can hold several accounts, keyed by
 * Pinterest user id; `login` records the one it logged in here. No secrets in this file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The current account. */
export interface CurrentAccount {
  /** Pinterest user_account id = key in the token store. */
  key: string;
  username: string;
}

export async function readCurrentAccount(path: string): Promise<CurrentAccount | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<CurrentAccount>;
    return typeof value.key === 'string' && typeof value.username === 'string'
      ? { key: value.key, username: value.username }
      : undefined;
  } catch {
    return undefined; // unreadable: behave as logged out, `login` rewrites it
  }
}

/** Writes atomically (temp file, fsync, rename) with mode 0600 in a 0700 folder. */
export async function writeCurrentAccount(path: string, account: CurrentAccount): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(account, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

export async function deleteCurrentAccount(path: string): Promise<void> {
  await rm(path, { force: true });
}
