#!/usr/bin/env node
// Copies ../../templates/* into ./templates so the published package scaffolds offline, and records each
// template's one-line description in templates/manifest.json. Files npm would drop or rewrite in a tarball
// (.gitignore, .npmrc) are stored as _gitignore/_npmrc; the CLI renames them back when it copies.
// Build output, installs, local env files and token folders are left out.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../templates/', import.meta.url));
const destination = fileURLToPath(new URL('../templates/', import.meta.url));

const SKIPPED = new Set(['node_modules', 'dist', 'reports', '.turbo', 'coverage', '.git', 'test-results']);
const STORED_AS = { '.gitignore': '_gitignore', '.npmrc': '_npmrc' };

function skipped(name) {
  if (SKIPPED.has(name)) return true;
  if (name === '.env' || (name.startsWith('.env.') && name !== '.env.example')) return true;
  return name.startsWith('.pinterest-tokens') || name.endsWith('.tsbuildinfo') || name.endsWith('.log');
}

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  let count = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skipped(entry.name)) continue;
    const target = join(to, STORED_AS[entry.name] ?? entry.name);
    if (entry.isDirectory()) count += copyTree(join(from, entry.name), target);
    else if (entry.isFile()) {
      copyFileSync(join(from, entry.name), target);
      count++;
    }
    // Symbolic links are not followed: a template must be plain files.
  }
  return count;
}

rmSync(destination, { recursive: true, force: true });
const templates = [];
for (const entry of readdirSync(source, { withFileTypes: true })) {
  if (!entry.isDirectory() || !existsSync(join(source, entry.name, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(source, entry.name, 'package.json'), 'utf8'));
  const files = copyTree(join(source, entry.name), join(destination, entry.name));
  const description = pkg.description;
  if (typeof description !== 'string' || description.trim() === '') {
    throw new Error(
      `templates/${entry.name}/package.json needs a one-line "description": the CLI shows it in the template picker.`,
    );
  }
  templates.push({ name: entry.name, description });
  process.stdout.write(`bundled template ${entry.name} (${files} files)\n`);
}
templates.sort(
  (a, b) =>
    ['fastify', 'react-spa', 'script'].indexOf(a.name) - ['fastify', 'react-spa', 'script'].indexOf(b.name),
);
writeFileSync(join(destination, 'manifest.json'), `${JSON.stringify({ templates }, null, 2)}\n`);
