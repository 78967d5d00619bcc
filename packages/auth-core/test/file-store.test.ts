import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { defaultTokenFilePath, FileTokenStore, type TokenRecord } from '../src/index.js';
import { sampleTokenRecord } from '../src/testing/index.js';
import { authFor, DAY_S, login, useMock } from './helpers.js';
import { type Child, startFixture } from './processes.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-core-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('FileTokenStore on disk', () => {
  it('default path: $XDG_CONFIG_HOME/pinterest-app-kit/tokens.json (else ~/.config/…), per platform', () => {
    expect(defaultTokenFilePath({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(
      '/cfg/pinterest-app-kit/tokens.json',
    );
    expect(defaultTokenFilePath({}, 'linux')).toMatch(/\/\.config\/pinterest-app-kit\/tokens\.json$/);
    expect(defaultTokenFilePath({}, 'darwin')).toMatch(
      /Library\/Application Support\/pinterest-app-kit\/tokens\.json$/,
    );
    expect(defaultTokenFilePath({ XDG_CONFIG_HOME: 'relative' }, 'linux')).toMatch(/\/\.config\//);
  });

  it('creates the default directory 0700 (tightening an existing 0755 one) and the file 0600', async () => {
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = dir;
    try {
      await mkdir(join(dir, 'pinterest-app-kit'), { mode: 0o755 });
      await chmod(join(dir, 'pinterest-app-kit'), 0o755);
      const store = new FileTokenStore();
      expect(store.path).toBe(join(dir, 'pinterest-app-kit', 'tokens.json'));
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      expect(await mode(join(dir, 'pinterest-app-kit'))).toBe(0o700);
      expect(await mode(store.path)).toBe(0o600);
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
  });

  it('creates missing directories 0700 and makes the file 0600 even when a 0644 one existed', async () => {
    const path = join(dir, 'a', 'b', 'tokens.json');
    const store = new FileTokenStore({ path });
    await store.compareAndSet('k', null, sampleTokenRecord(1));
    expect(await mode(join(dir, 'a'))).toBe(0o700);
    expect(await mode(join(dir, 'a', 'b'))).toBe(0o700);
    await chmod(path, 0o644);
    const v = (await store.get('k'))?.version ?? null;
    await store.compareAndSet('k', v, sampleTokenRecord(2));
    expect(await mode(path)).toBe(0o600);
    expect((await store.get('k'))?.record).toEqual(sampleTokenRecord(2));
  });

  it('leaves no temp or lock files behind after normal writes', async () => {
    const path = join(dir, 'tokens.json');
    const store = new FileTokenStore({ path });
    await store.compareAndSet('k', null, sampleTokenRecord(1));
    const release = await store.lock.acquire('k', { ttlMs: 1_000, waitMs: 0 });
    await release();
    await store.delete('k');
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('sweeps temp files left by dead writers (token and lock temps), never those of live processes', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const path = join(dir, 'tokens.json');
    const leftovers = [
      `tokens.json.${dead}.a1b2c3.tmp`,
      `tokens.json.lock.${dead}.a1b2c3d4.tmp`,
      `tokens.json.0123456789abcdef.refresh.lock.${dead}.ffee.tmp`,
    ];
    const live = `tokens.json.${process.pid}.abcdef.tmp`;
    for (const name of [...leftovers, live, 'unrelated.1.a.tmp']) await writeFile(join(dir, name), 'x');
    await new FileTokenStore({ path }).compareAndSet('k', null, sampleTokenRecord(1));
    expect((await readdir(dir)).sort()).toEqual([live, 'tokens.json', 'unrelated.1.a.tmp'].sort());
  });

  it('refuses a corrupt or foreign file with a clear error and does not overwrite it', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, '{ not json');
    const store = new FileTokenStore({ path });
    await expect(store.get('k')).rejects.toMatchObject({ code: 'TOKEN_FILE_CORRUPT' });
    await expect(store.compareAndSet('k', null, sampleTokenRecord(1))).rejects.toMatchObject({
      code: 'TOKEN_FILE_CORRUPT',
    });
    expect(await readFile(path, 'utf8')).toBe('{ not json');
    await writeFile(path, JSON.stringify({ some: 'other tool' }));
    await expect(store.get('k')).rejects.toThrow(/not a pinterest-app-kit token file/);
  });

  it('takes over a refresh lock whose holder was SIGKILLed', async () => {
    const path = join(dir, 'tokens.json');
    const holder = startFixture('lock-holder', { STORE_PATH: path });
    await holder.waitForLine((line) => line === 'locked');
    const store = new FileTokenStore({ path });
    await expect(store.lock.acquire('acct', { ttlMs: 1_000, waitMs: 100 })).rejects.toMatchObject({
      code: 'LOCK_TIMEOUT',
    });
    holder.process.kill('SIGKILL');
    await holder.exited;
    const release = await store.lock.acquire('acct', { ttlMs: 1_000, waitMs: 5_000 });
    await release();
  });

  it('crash safety: 1,000+ writes with SIGKILL at random moments; the file always parses and holds old or new', async () => {
    // On tmpfs when available: a SIGKILL (unlike a power cut) does not depend on fsync, and fsync on a busy disk
    // would make 1,000 writes take minutes. Atomicity under a kill comes from temp file + rename alone.
    const base = existsSync('/dev/shm') ? await mkdtemp('/dev/shm/auth-core-crash-') : dir;
    onTestFinished(() => rm(base, { recursive: true, force: true }));
    const path = join(base, 'tokens.json');
    let committed = -1; // last n known to be in the file
    let writes = 0;
    let kills = 0;
    while (writes < 1_000) {
      const child = startFixture('file-writer', { STORE_PATH: path, START: String(committed + 1) });
      // Let it write a random number of records, then kill it a random few ms later: the kill lands in a
      // random phase of a write (temp file, fsync, rename, lock).
      const target = committed + 50 + Math.floor(Math.random() * 300);
      await child.waitForLine((line) => Number(line) >= target);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      child.process.kill('SIGKILL');
      await child.exited;
      kills++;
      const printed = child.lines.filter(Boolean).map(Number);
      const lastPrinted = printed.at(-1) ?? committed;
      writes += printed.length;
      const text = await readFile(path, 'utf8');
      const parsed = JSON.parse(text) as { accounts: Record<string, { record: TokenRecord }> };
      const n = parsed.accounts.acct?.record.accessTokenExpiresAt;
      // Either the last acknowledged write, or the one in flight when the kill landed.
      expect([lastPrinted, lastPrinted + 1]).toContain(n);
      expect(parsed.accounts.acct?.record.accessToken).toBe(`pina_${n}`);
      expect(await mode(path)).toBe(0o600);
      committed = n as number;
    }
    expect(kills).toBeGreaterThan(1);
    expect(writes).toBeGreaterThanOrEqual(1_000);
    // The next writer sweeps temp files that killed writers left behind.
    const store = new FileTokenStore({ path });
    const current = await store.get('acct');
    expect(await store.compareAndSet('acct', current?.version ?? null, sampleTokenRecord(1))).toBe(true);
    expect((await readdir(base)).filter((name) => name.endsWith('.tmp') && !name.includes('.lock.'))).toEqual(
      [],
    );
  }, 120_000);
});

describe('FileTokenStore shared by 4 processes (C13 cross-process)', () => {
  const ctx = useMock();
  const children: Child[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  });

  it('exactly one token request per expiry; every process ends with the same, newest tokens', async () => {
    const path = join(dir, 'shared', 'tokens.json');
    const auth = authFor(ctx.mock, { store: new FileTokenStore({ path }) });
    const { key } = await login(auth);
    for (let i = 0; i < 4; i++) {
      children.push(startFixture('file-refresher', { MOCK_URL: ctx.mock.url, STORE_PATH: path, KEY: key }));
    }
    await Promise.all(children.map((c) => c.waitForLine((line) => line === 'ready')));
    const seen = new Set<string>();
    for (let round = 1; round <= 2; round++) {
      ctx.mock.control.advanceClock(30 * DAY_S);
      const offset = ctx.mock.control.now() - Date.now();
      const from = children.map((c) => c.lines.length);
      for (const child of children) child.process.stdin.write(`go ${offset}\n`);
      const answers = await Promise.all(
        children.map(
          async (c, i) =>
            JSON.parse(await c.waitForLine((l) => l.startsWith('{'), from[i])) as {
              token?: string;
              error?: string;
            },
        ),
      );
      const tokens = answers.map((a) => a.token ?? a.error);
      expect(new Set(tokens).size, JSON.stringify(tokens)).toBe(1);
      const refreshes = ctx.mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token');
      expect(refreshes).toHaveLength(round);
      const stored = await new FileTokenStore({ path }).get(key);
      expect(tokens[0]).toBe(stored?.record.accessToken);
      expect(seen.has(tokens[0] as string)).toBe(false);
      seen.add(tokens[0] as string);
      // And the parent, reading the same file, gets the same newest token without a request.
      expect(await auth.getAccessToken(key)).toBe(tokens[0]);
      expect(ctx.mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token')).toHaveLength(
        round,
      );
    }
  }, 60_000);
});
