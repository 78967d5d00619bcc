/**
 * The first commit of a fresh repository, written without running git: every file not ignored becomes a
 * blob, folders become trees, then the commit; all of them go into ONE pack file with its index (a handful
 * of writes where loose objects take a file and a folder each), stored uncompressed in zlib's format (zlib
 * level 0 and its CRC-32, both native: the same loops in JavaScript cost more than the whole copy; the
 * first `git gc` compresses them), then the index of the work tree (so `git status` is clean at once) and
 * the branch `HEAD` names. Formats: git's `gitformat-pack(5)` (pack v2, index v2) and `gitformat-index(5)`
 * (index v2); an object is named by the SHA-1 of "<type> <size>\0" + body.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  type Stats,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { GitIdentity } from './git-identity.js';
import type { IgnoreMatcher } from './gitignore.js';

interface FileEntry {
  path: string;
  mode: '100644' | '100755';
  sha: Buffer;
  stat: Stats;
}

const TYPE_CODES = { commit: 1, tree: 2, blob: 3 } as const;
type ObjectType = keyof typeof TYPE_CODES;

/** True when `.git` is a plain repository this writer understands: SHA-1 objects, files for refs. */
export function canWriteCommit(gitDir: string): boolean {
  const head = readIfExists(join(gitDir, 'HEAD'));
  const config = readIfExists(join(gitDir, 'config')) ?? '';
  return (
    head !== undefined &&
    /^ref: refs\/heads\/[^\s]+\n$/.test(head) &&
    !/objectformat|refstorage|worktreeconfig/i.test(config) &&
    existsSync(join(gitDir, 'objects')) &&
    !existsSync(join(gitDir, 'refs', 'heads', head.slice('ref: refs/heads/'.length).trim()))
  );
}

/** Writes the commit of everything under `dir` not ignored, and points `HEAD`'s branch at it. */
export function writeInitialCommit(
  dir: string,
  options: { identity: GitIdentity; message: string; ignore: IgnoreMatcher; now?: Date },
): string {
  const gitDir = join(dir, '.git');
  const files: FileEntry[] = [];
  const objects = new Map<string, { sha: Buffer; type: ObjectType; body: Buffer }>();
  const addObject = (type: ObjectType, body: Buffer): Buffer => {
    const sha = createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest();
    objects.set(sha.toString('hex'), { sha, type, body });
    return sha;
  };

  /** Adds the tree of `folder` (relative path `prefix`) and returns its SHA-1, or undefined when empty. */
  const addTree = (folder: string, prefix: string): Buffer | undefined => {
    const entries: Array<{ name: string; mode: string; sha: Buffer; sortKey: string }> = [];
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (path === '.git' || options.ignore(path, entry.isDirectory())) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        const sha = addTree(full, path);
        if (sha) entries.push({ name: entry.name, mode: '40000', sha, sortKey: `${entry.name}/` });
      } else if (entry.isFile()) {
        const stat = lstatSync(full);
        const mode = stat.mode & 0o111 ? '100755' : '100644';
        const sha = addObject('blob', readFileSync(full));
        files.push({ path, mode, sha, stat });
        entries.push({ name: entry.name, mode, sha, sortKey: entry.name });
      } else {
        throw new Error(`${path} is neither a file nor a folder`);
      }
    }
    if (entries.length === 0) return undefined;
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
    return addObject(
      'tree',
      Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), e.sha])),
    );
  };

  const tree = addTree(dir, '') ?? addObject('tree', Buffer.alloc(0));
  const now = options.now ?? new Date();
  const signature = `${options.identity.name} <${options.identity.email}> ${Math.floor(now.getTime() / 1000)} ${timezone(now)}`;
  const commit = addObject(
    'commit',
    Buffer.from(
      `tree ${tree.toString('hex')}\nauthor ${signature}\ncommitter ${signature}\n\n${options.message}\n`,
    ),
  );
  writePack(join(gitDir, 'objects', 'pack'), [...objects.values()]);
  writeIndex(dir, files);
  const branch = (readFileSync(join(gitDir, 'HEAD'), 'utf8').match(/^ref: (.+)$/m)?.[1] ?? '').trim();
  mkdirSync(join(gitDir, ...branch.split('/').slice(0, -1)), { recursive: true });
  writeFileSync(join(gitDir, ...branch.split('/')), `${commit.toString('hex')}\n`);
  return commit.toString('hex');
}

/**
 * One pack (v2) holding `objects`, each zlib-compressed after its type-and-size header, and its index (v2):
 * a fan-out table, the sorted names, each packed object's CRC-32 and offset, then both checksums.
 */
function writePack(folder: string, objects: Array<{ sha: Buffer; type: ObjectType; body: Buffer }>): void {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'ascii');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(objects.length, 8);
  const parts: Buffer[] = [header];
  const entries: Array<{ sha: Buffer; offset: number; crc: number }> = [];
  let offset = header.length;
  for (const object of objects) {
    const bytes: number[] = [];
    let size = object.body.length;
    let byte = (TYPE_CODES[object.type] << 4) | (size & 0x0f);
    size = Math.floor(size / 16);
    while (size > 0) {
      bytes.push(byte | 0x80);
      byte = size & 0x7f;
      size = Math.floor(size / 128);
    }
    bytes.push(byte);
    // Level 0: stored deflate blocks (RFC 1951 §3.2.4) in a zlib stream (RFC 1950), native and not compressed.
    const packed = Buffer.concat([Buffer.from(bytes), deflateSync(object.body, { level: 0 })]);
    entries.push({ sha: object.sha, offset, crc: crc32(packed) });
    parts.push(packed);
    offset += packed.length;
  }
  const body = Buffer.concat(parts);
  const packSha = createHash('sha1').update(body).digest();

  entries.sort((a, b) => Buffer.compare(a.sha, b.sha));
  const fanout = Buffer.alloc(256 * 4);
  for (let i = 0, seen = 0; i < 256; i++) {
    while (seen < entries.length && (entries[seen]?.sha[0] ?? 256) <= i) seen++;
    fanout.writeUInt32BE(seen, i * 4);
  }
  const crcs = Buffer.alloc(entries.length * 4);
  const offsets = Buffer.alloc(entries.length * 4);
  entries.forEach((entry, i) => {
    crcs.writeUInt32BE(entry.crc >>> 0, i * 4);
    offsets.writeUInt32BE(entry.offset, i * 4); // a scaffold is far below the 2 GiB where v2 needs more
  });
  const index = Buffer.concat([
    Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]),
    fanout,
    ...entries.map((entry) => entry.sha),
    crcs,
    offsets,
    packSha,
  ]);
  mkdirSync(folder, { recursive: true });
  const name = join(folder, `pack-${packSha.toString('hex')}`);
  // The pack first, its index last: git only sees a pack through its index.
  writeFileSync(`${name}.pack`, Buffer.concat([body, packSha]), { mode: 0o444 });
  writeFileSync(`${name}.idx`, Buffer.concat([index, createHash('sha1').update(index).digest()]), {
    mode: 0o444,
  });
}

/** `.git/index` version 2: one entry per file, sorted by path, with its stat data, then a SHA-1 trailer. */
function writeIndex(dir: string, files: FileEntry[]): void {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.write('DIRC', 0, 'ascii');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(sorted.length, 8);
  parts.push(header);
  const u32 = (value: number) => (Math.trunc(value) % 0x1_0000_0000) >>> 0;
  for (const file of sorted) {
    const { stat } = file;
    const path = Buffer.from(file.path);
    const length = 62 + path.length;
    const entry = Buffer.alloc(length + (8 - (length % 8)));
    const seconds = (ms: number) => Math.floor(ms / 1000);
    const nanos = (ms: number) => Math.round((ms % 1000) * 1e6) % 1e9;
    const fields = [
      seconds(stat.ctimeMs),
      nanos(stat.ctimeMs),
      seconds(stat.mtimeMs),
      nanos(stat.mtimeMs),
      stat.dev,
      stat.ino,
      Number.parseInt(file.mode, 8),
      stat.uid,
      stat.gid,
      stat.size,
    ];
    fields.forEach((value, i) => {
      entry.writeUInt32BE(u32(value), i * 4);
    });
    file.sha.copy(entry, 40);
    entry.writeUInt16BE(Math.min(path.length, 0xfff), 60);
    path.copy(entry, 62);
    parts.push(entry);
  }
  const body = Buffer.concat(parts);
  writeFileSync(join(dir, '.git', 'index'), Buffer.concat([body, createHash('sha1').update(body).digest()]));
}

/** `+0100`-style offset of the local time zone at `date`, as git writes it. */
function timezone(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
