/**
 * The one guard in front of every v5 operation, driven by the spec's route table: Bearer auth (401 code 2),
 * the `x-ratelimit-category` limits (429 code 8), the operation's `security` scopes (401 code 3 naming them),
 * client-credentials and sandbox availability (403 code 29), Trial writes (403 code 29), then the request
 * checked against the spec (400 code 1 naming the field).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGES } from '../constants.js';
import { sendError } from '../errors.js';
import { type Operation, operationById } from '../spec/operations.js';
import { checkRequest } from '../spec/request-validation.js';
import type { DataStore } from '../store.js';
import type { MockEnvironment } from '../types.js';
import type { AccessTokenRecord, MockWorld } from '../world.js';
import { applyRateLimit } from './rate-limit.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The access token record of an authenticated API request. */
    mockToken?: AccessTokenRecord;
  }
}

/** What every resource plugin is registered with: the mock's state and the host it plays. */
export interface ApiContext {
  state: MockWorld;
  environment: MockEnvironment;
}

interface OperationConfig {
  operation: Operation;
}

/** Route options for the operation `id` of the spec: its path and method come from the table. */
export function operationRoute(id: string): {
  method: Operation['method'];
  url: string;
  config: OperationConfig;
} {
  const operation = operationById(id);
  return { method: operation.method, url: operation.path, config: { operation } };
}

/** The token of a request the guard let through. */
export function tokenOf(request: FastifyRequest): AccessTokenRecord {
  return request.mockToken as AccessTokenRecord;
}

/** The data of the environment a plugin serves. */
export function storeOf(context: ApiContext): DataStore {
  return context.state.stores[context.environment];
}

function operationOf(request: FastifyRequest): Operation | undefined {
  return (request.routeOptions.config as Partial<OperationConfig> | undefined)?.operation;
}

/** The rate-limit subject of a token (`environment|app|user or client`), built once per token. */
const subjects = new WeakMap<AccessTokenRecord, string>();
function subjectOf(record: AccessTokenRecord): string {
  let subject = subjects.get(record);
  if (subject === undefined) {
    subject = `${record.environment}|${record.appId}|${record.kind === 'client' ? 'client' : record.userId}`;
    subjects.set(record, subject);
  }
  return subject;
}

/** The operation's scopes the token lacks; the common case (none) allocates nothing. */
function missingScopes(operation: Operation, granted: Set<string>): string[] | undefined {
  let missing: string[] | undefined;
  for (const scope of operation.scopes) {
    if (granted.has(scope)) continue;
    missing ??= [];
    missing.push(scope);
  }
  return missing;
}

/** Answers 400 code 1 when the request check found a problem, else lets the request on. */
function finishCheck(reply: FastifyReply, problem: string | undefined, done: () => void): void {
  if (problem) sendError(reply, 400, 1, problem);
  else done();
}

/**
 * Adds the guard's hooks to an encapsulated context: every route registered inside with `operationRoute`.
 * The hooks take Fastify's `done` callback rather than returning promises: they run on every API request, and a
 * hook that answers simply does not call `done`.
 */
export function addApiGuard(app: FastifyInstance, context: ApiContext): void {
  const { state, environment } = context;

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const operation = operationOf(request);
    if (!operation) return done();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const record = token ? state.findAccessToken(token) : undefined;
    if (!record || record.environment !== environment) {
      sendError(reply, 401, 2, MESSAGES.authFailed);
      return;
    }
    if (applyRateLimit(state, reply, subjectOf(record), operation.category, record.appId)) return;
    const missing = missingScopes(operation, record.scopes);
    if (missing) {
      sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: ${missing.join(', ')}.`);
      return;
    }
    if (record.kind === 'client' && !operation.clientCredentials) {
      sendError(
        reply,
        403,
        29,
        `${MESSAGES.notPermitted} This operation needs a user's OAuth token; client_credentials tokens are not accepted.`,
      );
      return;
    }
    if (environment === 'sandbox' && !operation.sandbox) {
      sendError(
        reply,
        403,
        29,
        `${MESSAGES.notPermitted} ${operation.id} is not available in the sandbox; call https://api.pinterest.com/v5 with a production token.`,
      );
      return;
    }
    if (operation.category === 'org_write' && state.options.trial && environment === 'production') {
      sendError(
        reply,
        403,
        29,
        `${MESSAGES.notPermitted} Apps with Trial access can only create, update or delete boards and Pins in the sandbox: send this request to https://api-sandbox.pinterest.com/v5 (this mock: ${state.baseUrl}/sandbox/v5) with a sandbox token.`,
      );
      return;
    }
    request.mockToken = record;
    done();
  });

  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const operation = operationOf(request);
    if (!operation) return done();
    const checked = checkRequest(operation, request);
    // A string or undefined once the validators are loaded; a promise only on the very first API request.
    if (checked instanceof Promise) checked.then((problem) => finishCheck(reply, problem, done), done);
    else finishCheck(reply, checked, done);
  });
}
