/**
 * Pinterest's OAuth scopes as the template manifest lists them (taken from the spec at build time, in its
 * order), and the one way a scope list is written: comma- and/or space-separated.
 */

/** One scope of the manifest, with our one-line meaning of it. */
export interface ScopeInfo {
  name: string;
  meaning: string;
}

/** Splits a scope list as Pinterest and the templates' `PINTEREST_SCOPES` accept it. */
export function parseScopeList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
