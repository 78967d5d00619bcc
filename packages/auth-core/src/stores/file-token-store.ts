import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { PinterestAuthError } from '../errors.js';
import { acquireFileLock, isAlive } from './file-lock.js';
import { tokenRecordProblem } from './token-record-check.js';
import type {
  RefreshLock,
  RefreshLockOptions,
  ReleaseLock,
  TokenRecord,
  TokenStore,
  TokenVersion,
  VersionedTokenRecord,
} from './types.js';

const FORMAT = 'pinterest-app-kit/tokens@1';
const APP_DIR = 'pinterest-app-kit';
/** Far above any real token file (~700 bytes an account), far below what would hurt to read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

interface FileContent {
  format: typeof FORMAT;
  accounts: Record<string, { version: TokenVersion; record: TokenRecord }>;
}

/**
 * The default token file: `tokens.json` in the kit's folder of the user's config directory —
 * `$XDG_CONFIG_HOME/pinterest-app-kit/` (else `~/.config/pinterest-app-kit/`) on Linux and other Unixes,
 * `~/Library/Application Support/pinterest-app-kit/` on macOS, `%APPDATA%\pinterest-app-kit\` on Windows.
 */
export function defaultTokenFilePath(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  let base: string;
  if (platform === 'win32') base = env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  else if (platform === 'darwin') base = join(homedir(), 'Library', 'Application Support');
  else
    base =
      env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)
        ? env.XDG_CONFIG_HOME
        : join(homedir(), '.config');
  return join(base, APP_DIR, 'tokens.json');
}

/** Options of {@link FileTokenStore}. */
export interface FileTokenStoreOptions {
  /**
   * Token file path (default {@link defaultTokenFilePath}). Its directory is created with mode 0700; an existing
   * one open to other users is tightened to 0700 when it is the kit's folder (`pinterest-app-kit`) or holds
   * only the token file (and its lock and temp files), else the first write is refused with
   * `TOKEN_DIR_NOT_PRIVATE`.
   */
  path?: string;
  /** How long a write waits for another process's write to finish (default 10,000 ms). */
  writeWaitMs?: number;
}

/**
 * A {@link TokenStore} in one JSON file (all accounts in one file), safe to share between processes of one
 * machine — e.g. a CLI script run several times at once.
 *
 * - The directory is created with mode 0700. An existing one that other users can enter is tightened to 0700
 *   when it is the kit's folder (`pinterest-app-kit`) or holds nothing but the token file and its companions; a
 *   folder shared with other files is not the store's to change, so writing there is refused
 *   (`TOKEN_DIR_NOT_PRIVATE`, with the `chmod` to run).
 * - Reading checks the whole file: not JSON, not this format, an account whose record is not a token record,
 *   or a file over 8 MiB is `TOKEN_FILE_CORRUPT` (never a `TypeError`), and nothing is written over it.
 * - Every write goes to a temp file in the same directory (mode 0600), is fsynced, then renamed over the token
 *   file, then the directory is fsynced: a crash at any moment leaves either the old or the new file, never a
 *   half-written one, and the file ends up 0600 even if a 0644 one existed.
 * - Compare-and-set runs under a short write lock (`<file>.lock`), so writers in different processes
 *   serialise; reads take no lock (rename is atomic).
 * - {@link FileTokenStore.lock} is a cross-process {@link RefreshLock} (one lock file per account beside the token
 *   file, `<file>.<sha256(key)[0..16]>.refresh.lock`, with stale-lock takeover when the holder died or its TTL
 *   passed). `createPinterestAuth` uses it automatically when this store is configured and no `lock` is given.
 */
export class FileTokenStore implements TokenStore {
  /** Absolute path of the token file. */
  readonly path: string;
  /** Cross-process refresh lock living beside the token file. */
  readonly lock: RefreshLock;
  readonly #writeWaitMs: number;
  #dirReady = false;
  #sweptTemps = false;

  constructor(options: FileTokenStoreOptions = {}) {
    this.path = resolve(options.path ?? defaultTokenFilePath());
    this.#writeWaitMs = options.writeWaitMs ?? 10_000;
    this.lock = {
      acquire: async (key: string, lockOptions: RefreshLockOptions): Promise<ReleaseLock> => {
        await this.#ensureDir();
        const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
        return acquireFileLock(`${this.path}.${id}.refresh.lock`, lockOptions);
      },
    };
  }

  /** {@inheritDoc TokenStore.get} */
  async get(key: string): Promise<VersionedTokenRecord | undefined> {
    const entry = (await this.#read()).accounts[key];
    return entry ? { record: entry.record, version: entry.version } : undefined;
  }

  /** {@inheritDoc TokenStore.compareAndSet} */
  async compareAndSet(
    key: string,
    expectedVersion: TokenVersion | null,
    record: TokenRecord,
  ): Promise<boolean> {
    return this.#mutate((content) => {
      if ((content.accounts[key]?.version ?? null) !== expectedVersion) return false;
      content.accounts[key] = { version: randomBytes(12).toString('base64url'), record };
      return true;
    });
  }

  /** {@inheritDoc TokenStore.delete} */
  async delete(key: string): Promise<void> {
    await this.#mutate((content) => {
      if (!(key in content.accounts)) return false;
      delete content.accounts[key];
      return true;
    });
  }

  async #read(): Promise<FileContent> {
    let text: string;
    try {
      text = await this.#readCapped();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: FORMAT, accounts: {} };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw this.#corrupt('is not valid JSON', 'Delete the file and log in again.');
    }
    const content = parsed as Partial<FileContent> | null;
    if (
      content === null ||
      typeof content !== 'object' ||
      content.format !== FORMAT ||
      typeof content.accounts !== 'object' ||
      content.accounts === null ||
      Array.isArray(content.accounts)
    ) {
      throw this.#corrupt(
        `is not a pinterest-app-kit token file (format "${FORMAT}")`,
        'Point FileTokenStore at another path, or delete the file and log in again.',
      );
    }
    for (const [key, entry] of Object.entries(content.accounts)) {
      const problem =
        entry === null || typeof entry !== 'object' || Array.isArray(entry)
          ? 'the entry is not an object'
          : typeof entry.version !== 'string' || entry.version === ''
            ? 'its version is not a non-empty string'
            : tokenRecordProblem(entry.record);
      if (problem !== undefined) {
        throw this.#corrupt(
          `holds a broken entry for account ${JSON.stringify(key.slice(0, 64))}: ${problem}`,
          'Delete that account from the file (or the whole file) and log in again.',
        );
      }
    }
    return content as FileContent;
  }

  /** The file's text, refusing one too large to be a token file before reading it into memory. */
  async #readCapped(): Promise<string> {
    const handle = await open(this.path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_FILE_BYTES) {
        throw this.#corrupt(
          `is ${size} bytes, more than a token file ever holds (${MAX_FILE_BYTES})`,
          'Delete the file and log in again.',
        );
      }
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }

  #corrupt(what: string, hint: string): PinterestAuthError {
    return new PinterestAuthError('TOKEN_FILE_CORRUPT', `The token file ${this.path} ${what}.`, { hint });
  }

  async #ensureDir(): Promise<void> {
    if (this.#dirReady) return;
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') await this.#makeDirPrivate(dir);
    this.#dirReady = true;
  }

  /** Tokens in a folder other users can enter are one `chmod` away from them: make it 0700, or refuse. */
  async #makeDirPrivate(dir: string): Promise<void> {
    const mode = (await stat(dir)).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    // The kit's own folder is the kit's to fix, whatever else the kit keeps there (the script's account file).
    const ours = basename(this.path);
    const others =
      basename(dir) === APP_DIR
        ? []
        : (await readdir(dir)).filter((name) => name !== ours && !name.startsWith(`${ours}.`));
    if (others.length > 0) {
      throw new PinterestAuthError(
        'TOKEN_DIR_NOT_PRIVATE',
        `The folder ${dir} that would hold the token file is open to other users (mode ${mode.toString(8).padStart(4, '0')}) and holds other files, so it is not changed for you.`,
        {
          hint: `Run \`chmod 700 "${dir}"\`, or choose a token file path in a folder of its own (PINTEREST_TOKEN_FILE / the store's path option).`,
        },
      );
    }
    await chmod(dir, 0o700);
  }

  /** Read-modify-write under the write lock; `change` returns false when nothing needs writing. */
  async #mutate(change: (content: FileContent) => boolean): Promise<boolean> {
    await this.#ensureDir();
    const release = await acquireFileLock(`${this.path}.lock`, { ttlMs: 30_000, waitMs: this.#writeWaitMs });
    try {
      if (!this.#sweptTemps) await this.#sweepDeadTemps();
      const content = await this.#read();
      if (!change(content)) return false;
      await this.#writeAtomically(`${JSON.stringify(content, null, 2)}\n`);
      return true;
    } finally {
      await release();
    }
  }

  /**
   * Remove temp files (of the token file and of its lock files) left by processes that died mid-write — their pid
   * is in the name. Once per instance, under the write lock.
   */
  async #sweepDeadTemps(): Promise<void> {
    this.#sweptTemps = true;
    const prefix = `${basename(this.path)}.`;
    for (const name of await readdir(dirname(this.path)).catch(() => [] as string[])) {
      const match = name.startsWith(prefix)
        ? /(?:^|\.)(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))
        : null;
      if (match && !isAlive(Number(match[1]))) await unlink(join(dirname(this.path), name)).catch(() => {});
    }
  }

  async #writeAtomically(text: string): Promise<void> {
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the umask could have removed bits; never added any
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temp).catch(() => {});
      throw error;
    }
    await handle.close();
    await rename(temp, this.path);
    await syncDir(dirname(this.path));
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; not supported on Windows, where it is skipped.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
