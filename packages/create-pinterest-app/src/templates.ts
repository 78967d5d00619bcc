import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors.js';
import type { ScopeInfo } from './scopes.js';

/** One bundled template, as scripts/bundle-templates.mjs records it in `templates/manifest.json`. */
export interface TemplateInfo {
  /** Folder name under `templates/`, and the value of `--template`. */
  name: string;
  /** One line shown beside the name in the picker and in --help. */
  description: string;
  /** The redirect URI the template listens on and the mock's default app registers. */
  redirectUri: string;
  /** package.json script that starts the app. */
  devScript: string;
  /** What to do once it runs, shown in the next steps after "Then". */
  firstRun: string;
  /** The kit's packages it installs, directly or through another kit package. */
  kitPackages: string[];
}

/**
 * Every template fact the CLI uses, written at build time: the templates, the default scopes, Pinterest's
 * scopes (from the spec) and the version each kit package is pinned to.
 */
export interface TemplateManifest {
  templates: TemplateInfo[];
  defaultScopes: string[];
  scopes: ScopeInfo[];
  /** Kit package name → the version generated apps depend on (`^version`). */
  kitPackages: Record<string, string>;
}

/** The folder holding the bundled templates: `<package>/templates`, beside `dist/`. */
export function bundledTemplatesDir(): string {
  return fileURLToPath(new URL('../templates/', import.meta.url));
}

/** Reads the manifest written at build time; a package without it was not built properly. */
export function loadManifest(dir: string): TemplateManifest {
  const path = `${dir}/manifest.json`;
  if (!existsSync(path)) {
    throw new CliError('TEMPLATES_MISSING', `No templates found in ${dir}.`, {
      hint: 'This copy of create-pinterest-app was built without its templates: run its build (tsdown && node scripts/bundle-templates.mjs).',
    });
  }
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<TemplateManifest>;
  if (
    !Array.isArray(manifest.templates) ||
    manifest.templates.length === 0 ||
    !Array.isArray(manifest.scopes) ||
    !Array.isArray(manifest.defaultScopes) ||
    typeof manifest.kitPackages !== 'object'
  ) {
    throw new CliError('TEMPLATES_MISSING', `The template manifest ${path} is incomplete.`, {
      hint: 'Rebuild create-pinterest-app.',
    });
  }
  return manifest as TemplateManifest;
}
