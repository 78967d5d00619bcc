import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors.js';

/** One bundled template, as recorded by scripts/bundle-templates.mjs in `templates/manifest.json`. */
export interface TemplateInfo {
  /** Folder name under `templates/`, and the value of `--template`. */
  name: string;
  /** One line shown beside the name in the picker and in --help. */
  description: string;
}

/** What the scaffolder knows about each template beyond its files: defaults and how to start it. */
export interface TemplateDefaults {
  /** The redirect URI the template listens on and the mock's default app registers. */
  redirectUri: string;
  /** package.json script that starts the app. */
  devScript: string;
  /** What to do once it runs, shown in the next steps. */
  firstRun: string;
}

const DEFAULTS: Record<string, TemplateDefaults> = {
  fastify: {
    redirectUri: 'http://localhost:3000/auth/callback',
    devScript: 'dev',
    firstRun: 'open http://localhost:3000 and click "Log in with Pinterest"',
  },
  'react-spa': {
    redirectUri: 'http://localhost:5173/auth/callback',
    devScript: 'dev',
    firstRun: 'open http://localhost:5173 and click "Log in with Pinterest"',
  },
  script: {
    redirectUri: 'http://localhost:8085/',
    devScript: 'dev',
    firstRun: 'your browser opens the consent page; the command prints your account once you allow it',
  },
};

const FALLBACK_DEFAULTS: TemplateDefaults = {
  redirectUri: 'http://localhost:3000/auth/callback',
  devScript: 'dev',
  firstRun: 'follow the README in the project',
};

/** Defaults for a template (a template unknown to this table gets the Fastify ones). */
export function templateDefaults(name: string): TemplateDefaults {
  return DEFAULTS[name] ?? FALLBACK_DEFAULTS;
}

/** The folder holding the bundled templates: `<package>/templates`, beside `dist/`. */
export function bundledTemplatesDir(): string {
  return fileURLToPath(new URL('../templates/', import.meta.url));
}

/** Reads the manifest written at build time; a package without it was not built properly. */
export function loadTemplates(dir: string): TemplateInfo[] {
  const manifest = `${dir}/manifest.json`;
  if (!existsSync(manifest)) {
    throw new CliError('TEMPLATES_MISSING', `No templates found in ${dir}.`, {
      hint: 'This copy of create-pinterest-app was built without its templates: run its build (tsdown && node scripts/bundle-templates.mjs).',
    });
  }
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { templates?: TemplateInfo[] };
  const templates = parsed.templates ?? [];
  if (templates.length === 0) {
    throw new CliError('TEMPLATES_MISSING', `The template manifest ${manifest} lists no template.`, {
      hint: 'Rebuild create-pinterest-app.',
    });
  }
  return templates;
}
