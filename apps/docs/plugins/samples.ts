/**
 * `import sample from 'sample:templates/fastify/.env.example'` (path relative to the repo root, optional
 * `?region=name` or `?export=name`) gives `{ path, selector, lang, code, html, missing }`: the real file's
 * text, highlighted at build time. Pages never paste code, so a sample cannot drift from the source.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { extractSample, type SampleSelector } from './extract.ts';
import { highlight, languageOfPath } from './highlight.ts';
import { REPO_ROOT } from './paths.ts';

const PREFIX = 'sample:';
const RESOLVED = '\0sample:';

/** What a `sample:` import evaluates to. */
export interface SampleModule {
  /** Path relative to the repo root, as shown on the page. */
  path: string;
  /** `region name`, `export name`, or '' for the whole file. */
  selector: string;
  lang: string;
  code: string;
  html: string;
  /** True when the file or selection was not found at build time (the sample test then fails). */
  missing: boolean;
}

/** Parses `templates/x/a.ts?export=foo` into a path and a selector. */
export function parseSampleId(id: string): { path: string; selector: SampleSelector } {
  const [path = '', query = ''] = id.split('?');
  const params = new URLSearchParams(query);
  const selector: SampleSelector = {};
  const region = params.get('region');
  const exportName = params.get('export');
  if (region) selector.region = region;
  if (exportName) selector.exportName = exportName;
  if (path.includes('..') || path.startsWith('/')) {
    throw new Error(`sample: "${id}" must be a path inside the repository, relative to its root.`);
  }
  return { path, selector };
}

/** Builds the sample for one id; a missing file becomes a visible placeholder plus a build warning. */
export function loadSample(id: string, warn: (message: string) => void = () => {}): SampleModule {
  const { path, selector } = parseSampleId(id);
  const selectorLabel = selector.region
    ? `region ${selector.region}`
    : selector.exportName
      ? `export ${selector.exportName}`
      : '';
  const lang = languageOfPath(path);
  try {
    const text = readFileSync(resolve(REPO_ROOT, path), 'utf8');
    const code = extractSample(path, text, selector);
    return { path, selector: selectorLabel, lang, code, html: highlight(code, lang), missing: false };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(`docs sample ${id} is not available yet: ${reason}`);
    const code = `// ${path}${selectorLabel ? ` (${selectorLabel})` : ''} is not available in this build.`;
    return { path, selector: selectorLabel, lang, code, html: highlight(code, 'ts'), missing: true };
  }
}

export function samplesPlugin(): Plugin {
  return {
    name: 'kit-docs-samples',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(PREFIX) ? RESOLVED + id.slice(PREFIX.length) : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const sampleId = id.slice(RESOLVED.length);
      this.addWatchFile(resolve(REPO_ROOT, parseSampleId(sampleId).path));
      const sample = loadSample(sampleId, (message) => this.warn(message));
      return `export default ${JSON.stringify(sample)};`;
    },
  };
}
