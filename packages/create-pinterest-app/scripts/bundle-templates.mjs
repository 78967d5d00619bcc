#!/usr/bin/env node
// Build step: copies ../../templates/* into ./templates so the published package scaffolds offline, and
// writes templates/manifest.json, the ONE place the CLI learns template facts from: each template's name,
// description, redirect URI, dev script, first-run words and the kit packages it needs; the default scopes;
// Pinterest's scopes in the spec's order (from @kit/pinterest-spec's openapi-v5.json) with our meaning of
// each (scope-meanings.json); and the version every kit package is pinned to.
//
// Generated apps get plain package.json scripts: the monorepo's report flags (`--reporter=json
// --outputFile.json=reports/...`, which its check sums) are taken out of the bundled copy here.
// Files npm would drop or rewrite in a tarball (.gitignore, .npmrc) are stored as _gitignore/_npmrc; the
// CLI renames them back. Build output, installs, local env files and token folders are left out.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const source = join(repo, 'templates');
const destination = fileURLToPath(new URL('../templates/', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * What the scaffolder says and does per template, beyond its files; the picker shows them in this order.
 * `firstRun` follows "Then " in the next steps; `{consent}` becomes the mock's or Pinterest's consent page.
 */
const TEMPLATE_FACTS = {
  fastify: {
    redirectUri: 'http://localhost:3000/auth/callback',
    devScript: 'dev',
    firstRun: 'open http://localhost:3000, click "Log in with Pinterest", then Allow on {consent}.',
  },
  'react-spa': {
    redirectUri: 'http://localhost:5173/auth/callback',
    devScript: 'dev',
    firstRun: 'open http://localhost:5173, click "Log in with Pinterest", then Allow on {consent}.',
  },
  script: {
    redirectUri: 'http://localhost:8085/',
    devScript: 'dev',
    firstRun: 'your browser opens {consent}: click Allow, and the command prints your account.',
  },
};
/** What every template needs: read the account, its boards and their Pins. */
const DEFAULT_SCOPES = ['user_accounts:read', 'boards:read', 'pins:read'];

/** The monorepo-only part of a test script: vitest's JSON report for scripts/check.mjs. */
const REPORT_FLAGS =
  / --reporter=default --reporter=json --outputFile\.json=reports\/vitest-[a-z0-9-]+\.json/g;

const SKIPPED = new Set(['node_modules', 'dist', 'reports', '.turbo', 'coverage', '.git', 'test-results']);
const STORED_AS = { '.gitignore': '_gitignore', '.npmrc': '_npmrc' };

function fail(message) {
  process.stderr.write(`bundle-templates: ${message}\n`);
  process.exit(1);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

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

/** Every workspace package under packages/, by name: its folder and manifest. */
function workspacePackages() {
  const byName = new Map();
  const packagesDir = join(repo, 'packages');
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const path = join(packagesDir, entry.name, 'package.json');
    if (entry.isDirectory() && existsSync(path)) byName.set(readJson(path).name, readJson(path));
  }
  return byName;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** The kit packages a template needs, its own `workspace:` dependencies and theirs, transitively. */
function kitClosure(pkg, workspace, where) {
  const needed = new Set();
  const visit = (manifest, fields, from) => {
    for (const field of fields) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (!String(range).startsWith('workspace:') || needed.has(name)) continue;
        const dependency = workspace.get(name);
        if (!dependency)
          fail(`${from} depends on ${name} (${range}), which is not a package under packages/.`);
        if (dependency.private) {
          fail(
            `${from} depends on the private ${name}: a generated app cannot install it. Drop the dependency.`,
          );
        }
        needed.add(name);
        // What a package needs at run time travels with it; its own devDependencies do not.
        visit(dependency, ['dependencies', 'optionalDependencies', 'peerDependencies'], name);
      }
    }
  };
  visit(pkg, DEPENDENCY_FIELDS, where);
  return [...needed].sort();
}

/** Pinterest's OAuth scopes in the spec's order, each with our one-line meaning. */
function scopesFromSpec() {
  const spec = readJson(require.resolve('@kit/pinterest-spec/openapi-v5.json'));
  const meanings = readJson(require.resolve('@kit/pinterest-spec/scope-meanings.json'));
  const names = Object.keys(
    spec.components?.securitySchemes?.pinterest_oauth2?.flows?.authorizationCode?.scopes ?? {},
  );
  if (names.length === 0) fail('@kit/pinterest-spec/openapi-v5.json lists no pinterest_oauth2 scopes.');
  return names.map((name) => {
    const meaning = meanings[name];
    if (typeof meaning !== 'string' || meaning === '') {
      fail(`@kit/pinterest-spec/scope-meanings.json has no meaning for the scope ${name}.`);
    }
    return { name, meaning };
  });
}

const workspace = workspacePackages();
const scopes = scopesFromSpec();
for (const scope of DEFAULT_SCOPES) {
  if (!scopes.some((s) => s.name === scope)) fail(`default scope ${scope} is not one of the spec's scopes.`);
}

// Built in a sibling folder and swapped in at the end: an interrupted build leaves the previous bundle.
const building = `${destination.replace(/\/$/, '')}.building`;
rmSync(building, { recursive: true, force: true });
const templates = [];
const kitPackages = {};
const names = readdirSync(source, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(source, entry.name, 'package.json')))
  .map((entry) => entry.name);
for (const name of names) {
  if (!TEMPLATE_FACTS[name])
    fail(`templates/${name} has no entry in TEMPLATE_FACTS (scripts/bundle-templates.mjs): add one.`);
}
for (const name of Object.keys(TEMPLATE_FACTS)) {
  if (!names.includes(name))
    fail(`TEMPLATE_FACTS names ${name}, but templates/${name}/package.json is missing.`);
  const facts = TEMPLATE_FACTS[name];
  const pkg = readJson(join(source, name, 'package.json'));
  if (typeof pkg.description !== 'string' || pkg.description.trim() === '') {
    fail(
      `templates/${name}/package.json needs a one-line "description": the CLI shows it in the template picker.`,
    );
  }
  const files = copyTree(join(source, name), join(building, name));

  const scripts = Object.fromEntries(
    Object.entries(pkg.scripts ?? {}).map(([script, command]) => [script, command.replace(REPORT_FLAGS, '')]),
  );
  for (const [script, command] of Object.entries(scripts)) {
    if (/--reporter|reports\/|^[A-Z_]+=/.test(command)) {
      fail(
        `templates/${name} script "${script}" is not plain (${command}): no report flags, no VAR=value prefix.`,
      );
    }
  }
  writeFileSync(join(building, name, 'package.json'), `${JSON.stringify({ ...pkg, scripts }, null, 2)}\n`);

  const kit = kitClosure(pkg, workspace, `templates/${name}`);
  for (const dependency of kit) kitPackages[dependency] = workspace.get(dependency).version;
  templates.push({ name, description: pkg.description, ...facts, kitPackages: kit });
  process.stdout.write(`bundled template ${name} (${files} files; kit packages: ${kit.join(', ')})\n`);
}

const manifest = { templates, defaultScopes: DEFAULT_SCOPES, scopes, kitPackages };
writeFileSync(join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
rmSync(destination, { recursive: true, force: true });
renameSync(building, destination);
