// SECURITY.md is the one place where the security promise ids (C3, W6, B4, …) are defined. Comments and test
// names cite them all over the tree; this module finds those citations and checks both directions: every id
// cited is defined, and every test SECURITY.md names as a proof exists under that name in that file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The id families that existed before SECURITY.md; scanned even if a family's section were ever dropped. */
const KNOWN_FAMILIES = ['C', 'W', 'B', 'L', 'S'];

/** `### C1 · Title` starts a promise. */
const PROMISE_HEADING = /^### ([A-Z]{1,2})(\d{1,2}) · (.+)$/;
/** `- \`path/to/file.test.ts\` › \`exact test or describe title\`` names a proof. */
const PROOF_LINE = /^- `([^`]+)` › `(.+)`$/;

/** Files that define ids or cannot cite them: the definitions, data, lockfiles, pictures. */
const NOT_SCANNED = [
  /^SECURITY\.md$/,
  /\.json$/,
  /\.svg$/,
  /(^|\/)pnpm-lock\.yaml$/,
  /\.(png|jpe?g|gif|ico|woff2?)$/,
  // Written by generators from the spec, whose examples name things like phone models, never by hand.
  /(^|\/)generated\//,
];

/**
 * Reads SECURITY.md's promises: a map from id (`C1`) to its title and the tests that prove it.
 * Also returns problems of the document itself (an id defined twice, a promise without a proof).
 */
export function parsePromises(markdown) {
  const promises = new Map();
  const problems = [];
  let current = null;
  for (const [index, line] of markdown.split('\n').entries()) {
    const heading = PROMISE_HEADING.exec(line);
    if (heading) {
      const id = `${heading[1]}${heading[2]}`;
      if (promises.has(id)) problems.push(`SECURITY.md:${index + 1}: ${id} is defined twice`);
      current = { id, title: heading[3], line: index + 1, proofs: [] };
      promises.set(id, current);
      continue;
    }
    if (/^#{1,3} /.test(line)) {
      current = null;
      continue;
    }
    const proof = PROOF_LINE.exec(line);
    if (proof && current) current.proofs.push({ file: proof[1], title: proof[2], line: index + 1 });
  }
  for (const promise of promises.values()) {
    if (promise.proofs.length === 0) {
      problems.push(`SECURITY.md:${promise.line}: ${promise.id} names no test that proves it`);
    }
  }
  return { promises, problems };
}

/**
 * The titles of every `describe`/`it`/`test` (and their `.each`/`.only`/`.concurrent`… forms) in a test
 * file, as written in a plain string literal. Titles built with `${…}` cannot be cited and are skipped.
 */
export function testTitles(source) {
  const titles = new Set();
  const call = /\b(?:describe|it|test)(?:\.\w+)*(?:\([^()]*\))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of source.matchAll(call)) {
    if (match[1] === '`' && match[2].includes('${')) continue;
    titles.add(match[2].replace(/\\(.)/g, '$1'));
  }
  return titles;
}

/**
 * Every citation of an id of the given families in the text: `{ id, line }`. SVG path data (`d="M3 6h18"`)
 * is left out, as its commands look like ids.
 */
export function findCitations(text, families) {
  // Not after `%`: a percent-encoded byte such as `%C0` is no citation.
  const pattern = new RegExp(`(?<!%)\\b(?:${families.join('|')})\\d{1,2}\\b`, 'g');
  const found = [];
  for (const [index, line] of text.split('\n').entries()) {
    const withoutPaths = line.replace(/\bd=(?:"[^"]*"|\{'[^']*'\})/g, '');
    for (const match of withoutPaths.matchAll(pattern)) found.push({ id: match[0], line: index + 1 });
  }
  return found;
}

function trackedTextFiles(root) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root };
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', env }).split('\0');
  return files.filter((file) => file !== '' && !NOT_SCANNED.some((pattern) => pattern.test(file)));
}

/**
 * Checks the repository at `root` against its SECURITY.md and returns the problems found, each a sentence
 * naming the file and line to fix; none means every cited id resolves and every named proof exists.
 */
export function checkSecurityIds(root) {
  const securityFile = join(root, 'SECURITY.md');
  if (!existsSync(securityFile)) return ['SECURITY.md is missing at the repository root'];
  const { promises, problems } = parsePromises(readFileSync(securityFile, 'utf8'));
  const families = [
    ...new Set([...KNOWN_FAMILIES, ...[...promises.keys()].map((id) => id.replace(/\d+$/, ''))]),
  ];

  for (const file of trackedTextFiles(root)) {
    const path = join(root, file);
    if (!existsSync(path)) continue; // deleted in the work tree, not yet in the index
    const text = readFileSync(path, 'utf8');
    if (text.includes('\0')) continue;
    for (const { id, line } of findCitations(text, families)) {
      if (!promises.has(id)) problems.push(`${file}:${line} cites ${id}, which SECURITY.md does not define`);
    }
  }

  const titlesByFile = new Map();
  for (const promise of promises.values()) {
    for (const proof of promise.proofs) {
      const where = `SECURITY.md:${proof.line} (${promise.id})`;
      const path = join(root, proof.file);
      if (!existsSync(path)) {
        problems.push(`${where} names ${proof.file}, which does not exist`);
        continue;
      }
      if (!titlesByFile.has(proof.file)) titlesByFile.set(proof.file, testTitles(readFileSync(path, 'utf8')));
      if (!titlesByFile.get(proof.file).has(proof.title)) {
        problems.push(`${where} names the test "${proof.title}", which ${proof.file} does not have`);
      }
    }
  }
  return problems;
}
