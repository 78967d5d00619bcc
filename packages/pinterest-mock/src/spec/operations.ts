/**
 * The v5 operations as the route table generated from Pinterest's OpenAPI description
 * (`scripts/generate-operations.mjs` → `src/generated/operations.json`): the build inlines it, so the published
 * mock needs no spec at run time.
 */
import table from '../generated/operations.json' with { type: 'json' };

/** One operation of the spec, as the mock routes it. */
export interface Operation {
  /** The spec's `operationId`, e.g. `pins/create`. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path under the host, e.g. `/v5/boards/:board_id`. */
  path: string;
  /** `x-ratelimit-category`, e.g. `org_read`. */
  category: string;
  /** Scopes a user token needs (the operation's `pinterest_oauth2` security). */
  scopes: string[];
  /** Whether `client_credentials` tokens are accepted. */
  clientCredentials: boolean;
  /** `x-sandbox: enabled`: the operation also answers on the sandbox host. */
  sandbox: boolean;
  /** JSON Schemas (draft-07, `$ref`s into `definitions`) of the path and query parameters. */
  pathSchema?: object;
  querySchema?: object;
  /** Query parameters of type array (sent comma-separated). */
  arrayParams?: string[];
  /** List query parameters that may come repeated, once per item (OpenAPI `style: form`, `explode` not false). */
  repeatableParams?: string[];
  /** Query parameters sent as `name[key]=value` (OpenAPI `style: deepObject`). */
  deepObjectParams?: string[];
  body?: { type: 'json' | 'form'; required: boolean; schema: object };
  /** The first success status the spec documents. */
  status: number;
  /** A body valid for that status (the spec's examples, else generated from its schema); none for 204. */
  answer?: unknown;
}

const data = table as unknown as {
  version: string;
  operations: Operation[];
  definitions: Record<string, object>;
};

/** Release of the spec the table came from. */
export const SPEC_VERSION: string = data.version;
/** Every operation of the spec. */
export const OPERATIONS: readonly Operation[] = data.operations;
/** Component schemas the request schemas refer to. */
export const REQUEST_DEFINITIONS: Readonly<Record<string, object>> = data.definitions;

const byId = new Map(OPERATIONS.map((operation) => [operation.id, operation]));

/** The operation with this `operationId`; throws on a typo so a route never silently loses its checks. */
export function operationById(id: string): Operation {
  const operation = byId.get(id);
  if (!operation) throw new Error(`no operation "${id}" in openapi-v5.json ${SPEC_VERSION}`);
  return operation;
}
