/**
 * The first commit of a fresh repository, written without running git: every file not ignored becomes a
 * loose blob, folders become trees, then the commit object, the index (so `git status` is clean at once)
 * and the branch `HEAD` names. A scaffold has a few dozen small files, so this takes a few milliseconds
 * where `git add` + `git commit` take two processes. The format: git's `gitformat-index(5)` and
 * `gitformat-loose` (object = zlib("<type> <size>\0" + body), named by its SHA-1).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { GitIdentity } from './git-identity.js';
import type { IgnoreMatcher } from './gitignore.js';

interface FileEntry {
  path: string;
  mode: '100644' | '100755';
  sha: Buffer;
}

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
  const writeObject = (type: string, body: Buffer): Buffer => {
    const data = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
    const sha = createHash('sha1').update(data).digest();
    const hex = sha.toString('hex');
    const folder = join(gitDir, 'objects', hex.slice(0, 2));
    const file = join(folder, hex.slice(2));
    if (!existsSync(file)) {
      mkdirSync(folder, { recursive: true });
      // Level 1: several times faster than git's default level, and any zlib level reads the same.
      writeFileSync(file, deflateSync(data, { level: 1 }), { mode: 0o444 });
    }
    return sha;
  };

  /** Writes the tree of `folder` (relative path `prefix`) and returns its SHA-1, or undefined when empty. */
  const writeTree = (folder: string, prefix: string): Buffer | undefined => {
    const entries: Array<{ name: string; mode: string; sha: Buffer; sortKey: string }> = [];
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (path === '.git' || options.ignore(path, entry.isDirectory())) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        const sha = writeTree(full, path);
        if (sha) entries.push({ name: entry.name, mode: '40000', sha, sortKey: `${entry.name}/` });
      } else if (entry.isFile()) {
        const mode = lstatSync(full).mode & 0o111 ? '100755' : '100644';
        const sha = writeObject('blob', readFileSync(full));
        files.push({ path, mode, sha });
        entries.push({ name: entry.name, mode, sha, sortKey: entry.name });
      } else {
        throw new Error(`${path} is neither a file nor a folder`);
      }
    }
    if (entries.length === 0) return undefined;
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
    return writeObject(
      'tree',
      Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), e.sha])),
    );
  };

  const tree = writeTree(dir, '') ?? writeObject('tree', Buffer.alloc(0));
  const now = options.now ?? new Date();
  const signature = `${options.identity.name} <${options.identity.email}> ${Math.floor(now.getTime() / 1000)} ${timezone(now)}`;
  const commit = writeObject(
    'commit',
    Buffer.from(
      `tree ${tree.toString('hex')}\nauthor ${signature}\ncommitter ${signature}\n\n${options.message}\n`,
    ),
  );
  writeIndex(dir, files);
  const branch = (readFileSync(join(gitDir, 'HEAD'), 'utf8').match(/^ref: (.+)$/m)?.[1] ?? '').trim();
  mkdirSync(join(gitDir, ...branch.split('/').slice(0, -1)), { recursive: true });
  writeFileSync(join(gitDir, ...branch.split('/')), `${commit.toString('hex')}\n`);
  return commit.toString('hex');
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
  const u32 = (value: bigint) => Number(value & 0xffffffffn);
  for (const file of sorted) {
    const stat = lstatSync(join(dir, file.path), { bigint: true });
    const path = Buffer.from(file.path);
    const length = 62 + path.length;
    const entry = Buffer.alloc(length + (8 - (length % 8)));
    const fields = [
      stat.ctimeNs / 1_000_000_000n,
      stat.ctimeNs % 1_000_000_000n,
      stat.mtimeNs / 1_000_000_000n,
      stat.mtimeNs % 1_000_000_000n,
      stat.dev,
      stat.ino,
      BigInt(Number.parseInt(file.mode, 8)),
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
