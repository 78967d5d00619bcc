/**
 * Scope finder logic: which OAuth scopes a set of API operations needs. The endpoint data is generated at
 * build time from Pinterest's OpenAPI description (`virtual:pinterest-endpoints`).
 */

/** The fields of an operation the finder needs (a subset of the build-time `EndpointFact`). */
export interface EndpointScopes {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  scopes: string[];
}

export interface ScopeNeed {
  scope: string;
  /** The selected operations that need it. */
  neededBy: string[];
}

/** The union of the scopes the selected operations need, each with the operations that need it. */
export function scopesFor(endpoints: readonly EndpointScopes[], selected: readonly string[]): ScopeNeed[] {
  const byScope = new Map<string, string[]>();
  for (const endpoint of endpoints) {
    if (!selected.includes(endpoint.operationId)) continue;
    for (const scope of endpoint.scopes) {
      const list = byScope.get(scope) ?? [];
      list.push(`${endpoint.method} /v5${endpoint.path}`);
      byScope.set(scope, list);
    }
  }
  return [...byScope.entries()]
    .map(([scope, neededBy]) => ({ scope, neededBy }))
    .sort((a, b) => a.scope.localeCompare(b.scope));
}

/**
 * Filters operations by words in their method, path, summary or tag (all words must appear), e.g.
 * `get board pins` or `POST /pins`.
 */
export function filterEndpoints(endpoints: readonly EndpointScopes[], query: string): EndpointScopes[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...endpoints];
  return endpoints.filter((e) => {
    const haystack =
      `${e.method} /v5${e.path} ${e.path} ${e.summary} ${e.tag} ${e.operationId}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The scopes as `PINTEREST_SCOPES` expects them: comma-separated. */
export function scopesEnvLine(needs: readonly ScopeNeed[]): string {
  return `PINTEREST_SCOPES=${needs.map((n) => n.scope).join(',')}`;
}
