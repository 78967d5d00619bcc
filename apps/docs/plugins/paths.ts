import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/docs itself. */
export const DOCS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The monorepo root (two levels above apps/docs), wherever the repo was cloned. */
export const REPO_ROOT = resolve(DOCS_ROOT, '../..');
/** The repository's facts-only copy of Pinterest's OpenAPI description: every scope and endpoint fact on the site. */
export const OPENAPI_PATH = resolve(REPO_ROOT, 'packages/pinterest-spec/openapi-v5.json');
/** What each scope lets an app do, in our own words. */
export const SCOPE_MEANINGS_PATH = resolve(REPO_ROOT, 'packages/pinterest-spec/scope-meanings.json');
