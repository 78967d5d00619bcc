import { SCOPE_DESCRIPTIONS } from './constants.js';

/** Splits a `scope` value: Pinterest accepts commas and spaces. */
export function parseScopeList(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,]+/).filter((scope) => scope.length > 0))];
}

/** Scopes that are not among Pinterest's 19. */
export function unknownScopes(scopes: string[]): string[] {
  return scopes.filter((scope) => !Object.hasOwn(SCOPE_DESCRIPTIONS, scope));
}
