/**
 * H7: whatever is in the token file, reading it is a typed error (`TOKEN_FILE_CORRUPT`), never a `TypeError`,
 * and nothing is written over it: JSON of every wrong shape, every truncation of a real file, byte-order marks,
 * a huge file. H6: the folder holding tokens ends up private, or the write is refused with the fix.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore, PinterestAuthError } from '../src/index.js';
import { malformedTokenRecords, sampleTokenRecord } from '../src/testing/index.js';
import { authFor, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
const FORMAT = 'pinterest-app-kit/tokens@1';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-core-reader-'));
  path = join(dir, 'tokens.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `bytes` as the token file, reads and writes through a store, and checks both fail typed. */
async function expectCorrupt(bytes: string | Buffer, label: string, tryWriting = true): Promise<void> {
  await writeFile(path, bytes);
  const store = new FileTokenStore({ path });
  const read = await rejectionOf(store.get('1'));
  expect(read, label).toBeInstanceOf(PinterestAuthError);
  expect(read.code, label).toBe('TOKEN_FILE_CORRUPT');
  if (tryWriting) {
    const write = await rejectionOf(store.compareAndSet('1', null, sampleTokenRecord(2)));
    expect(write.code, label).toBe('TOKEN_FILE_CORRUPT');
  }
  expect(Buffer.compare(await readFile(path), Buffer.from(bytes)), label).toBe(0);
}

const file = (accounts: unknown) => JSON.stringify({ format: FORMAT, accounts });

describe('H7: FileTokenStore reads any broken token file as TOKEN_FILE_CORRUPT and overwrites nothing', () => {
  it('a record that is null: getAccessToken answers TOKEN_FILE_CORRUPT, not a TypeError', async () => {
    await writeFile(path, file({ '1': { version: 'v1', record: null } }));
    const auth = authFor(ctx.mock, { store: new FileTokenStore({ path }) });
    const error = await rejectionOf(auth.getAccessToken('1'));
    expect(error.code).toBe('TOKEN_FILE_CORRUPT');
    expect(error.message).toContain('record is not an object');
    expect(error.hint).toMatch(/log in again/);
  });

  it('valid JSON of every wrong shape, at every level', async () => {
    const good = { version: 'v1', record: sampleTokenRecord(1) };
    const cases: [string, string][] = [
      ...['null', '[]', '1', '"x"', 'true', '{}'].map((text): [string, string] => [`file ${text}`, text]),
      ['wrong format', JSON.stringify({ format: 'other@1', accounts: {} })],
      ...[null, [], 'x', 1, true].map((accounts): [string, string] => [
        `accounts ${JSON.stringify(accounts)}`,
        file(accounts),
      ]),
      ...[
        null,
        [],
        'x',
        1,
        {},
        { record: sampleTokenRecord(1) },
        { version: 1, record: sampleTokenRecord(1) },
      ].map((entry): [string, string] => [`entry ${JSON.stringify(entry)}`, file({ '1': entry })]),
      ...malformedTokenRecords().map(({ name, value }): [string, string] => [
        `record ${name}`,
        file({ '2': good, '1': { version: 'v1', record: value } }),
      ]),
    ];
    expect(cases.length).toBeGreaterThan(100);
    for (const [label, text] of cases) await expectCorrupt(text, label);
  });

  it('every truncation of a real token file', async () => {
    const store = new FileTokenStore({ path });
    await store.compareAndSet('1', null, sampleTokenRecord(1));
    const whole = await readFile(path);
    // Every cut but the whole file and the cut after its closing brace (only the trailing newline missing).
    const closing = whole.lastIndexOf('}');
    for (let length = 0; length <= closing; length++) {
      // Every cut is read; every 16th is also written to (a write takes the file lock: slower).
      await expectCorrupt(whole.subarray(0, length), `first ${length} bytes`, length % 16 === 0);
    }
  });

  it('byte-order marks and other encodings', async () => {
    const text = file({ '1': { version: 'v1', record: sampleTokenRecord(1) } });
    await expectCorrupt(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'UTF-8 BOM');
    await expectCorrupt(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'UTF-16LE');
    await expectCorrupt(Buffer.from(text, 'utf16le'), 'UTF-16LE without BOM');
    await expectCorrupt(Buffer.from([0xc3, 0x28, 0x7b, 0x7d]), 'invalid UTF-8');
  });

  it('a huge file is refused before it is read', async () => {
    const huge = Buffer.alloc(9 * 1024 * 1024, 0x20);
    Buffer.from(file({})).copy(huge);
    await writeFile(path, huge);
    const error = await rejectionOf(new FileTokenStore({ path }).get('1'));
    expect(error.code).toBe('TOKEN_FILE_CORRUPT');
    expect(error.message).toMatch(/more than a token file ever holds/);
    expect((await stat(path)).size).toBe(huge.length);
  });
});

describe('H6: the folder holding the tokens is private', () => {
  const mode = async (p: string) => (await stat(p)).mode & 0o777;

  it('an existing 0755 token folder (as ~/.config/pinterest-app-kit) is tightened to 0700 at the first write', async () => {
    const folder = join(dir, 'pinterest-app-kit');
    await mkdir(folder);
    // An earlier version of the script template left its account file there too.
    await writeFile(join(folder, 'pinterest-script-account.json'), '{}');
    await chmod(folder, 0o755);
    const store = new FileTokenStore({ path: join(folder, 'tokens.json') });
    await store.compareAndSet('1', null, sampleTokenRecord(1));
    expect(await mode(folder)).toBe(0o700);
    expect(await mode(store.path)).toBe(0o600);
  });

  it('also when it already holds a token file and lock files from an earlier version', async () => {
    const folder = join(dir, 'data');
    await mkdir(folder);
    const store = new FileTokenStore({ path: join(folder, 'tokens.json') });
    await store.compareAndSet('1', null, sampleTokenRecord(1));
    await chmod(folder, 0o755);
    await writeFile(join(folder, 'tokens.json.0123456789abcdef.refresh.lock'), '');
    const later = new FileTokenStore({ path: store.path });
    const release = await later.lock.acquire('1', { ttlMs: 1000, waitMs: 0 });
    await release();
    expect(await mode(folder)).toBe(0o700);
  });

  it('a shared 0755 folder with other files is left alone and the write refused with the fix', async () => {
    const folder = join(dir, 'project');
    await mkdir(folder);
    await writeFile(join(folder, 'package.json'), '{}');
    await chmod(folder, 0o755);
    const store = new FileTokenStore({ path: join(folder, 'tokens.json') });
    const error = await rejectionOf(store.compareAndSet('1', null, sampleTokenRecord(1)));
    expect(error.code).toBe('TOKEN_DIR_NOT_PRIVATE');
    expect(error.message).toContain('0755');
    expect(error.hint).toContain(`chmod 700 "${folder}"`);
    expect(await mode(folder)).toBe(0o755);
    expect(await readdir(folder)).toEqual(['package.json']);
    await chmod(folder, 0o700);
    await expect(store.compareAndSet('1', null, sampleTokenRecord(1))).resolves.toBe(true);
  });
});
