import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/docs itself. */
export const DOCS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The monorepo root (two levels above apps/docs), wherever the repo was cloned. */
export const REPO_ROOT = resolve(DOCS_ROOT, '../..');
/** `shared/pinterest` lives beside the repository, not inside it (CI lays it out the same way). */
export const PINTEREST_SHARED = resolve(REPO_ROOT, '../shared/pinterest');
/** Pinterest's own OpenAPI description, the source of every scope and endpoint fact on the site. */
export const OPENAPI_PATH = resolve(PINTEREST_SHARED, 'openapi-v5.json');
