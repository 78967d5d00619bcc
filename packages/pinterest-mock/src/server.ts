import { randomInt } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { MAX_API_BODY_BYTES } from './constants.js';
import { controlRoutes, createControl } from './control.js';
import { defaultErrorBody } from './errors.js';
import { redactHeaders, redactParams, redactUrl } from './redact.js';
import { apiRoutes } from './routes/api.js';
import { consentRoutes } from './routes/consent.js';
import { imageRoutes } from './routes/images.js';
import { mediaUploadRoutes } from './routes/media-upload.js';
import { reportDownloadRoutes } from './routes/reports.js';
import { parseBasicAuth, tokenRoutes } from './routes/token.js';
import { refuseRepeatedParameters } from './single-values.js';
import type {
  MockControl,
  MockEnvironment,
  MockFault,
  MockTokenRequestLogEntry,
  PinterestMock,
  PinterestMockOptions,
} from './types.js';
import { MockWorld } from './world.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** `x-pinterest-rid` of this request. */
    mockRid: string;
    /** Mock clock time when the request arrived. */
    mockTime: number;
  }
}

const TOKEN_PATH = /^(\/sandbox)?\/v5\/oauth\/token$/;

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function environmentOf(path: string): MockEnvironment {
  return path.startsWith('/sandbox/') ? 'sandbox' : 'production';
}

function isUnlogged(path: string): boolean {
  return path.startsWith('/_mock') || path.startsWith('/media/');
}

/** Request ids like Pinterest's (`x-pinterest-rid: 7606362844227236`): 16 digits, unique per process. */
function createRidGenerator(): () => string {
  const prefix = String(100_000 + randomInt(900_000));
  let counter = 0;
  return () => {
    counter = (counter + 1) % 10_000_000_000;
    return prefix + String(counter).padStart(10, '0');
  };
}

/** The HTTP date of a time, rebuilt once per second of it rather than on every request. */
let dateSecond = Number.NaN;
let dateText = '';
function httpDate(time: number): string {
  const second = Math.floor(time / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

function logEntry(state: MockWorld, request: FastifyRequest, status: number): void {
  const path = pathOf(request.url);
  if (isUnlogged(path)) return;
  const body = request.body;
  const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const form =
    isForm && body && typeof body === 'object' ? redactParams(body as Record<string, unknown>) : undefined;
  const entry: MockTokenRequestLogEntry = {
    time: request.mockTime,
    method: request.method,
    path,
    query: redactParams(request.query as Record<string, unknown> | undefined),
    status,
    headers: redactHeaders(request.headers),
    requestId: request.mockRid,
    environment: environmentOf(path),
  };
  if (form) entry.form = form;
  if (request.method === 'POST' && TOKEN_PATH.test(path)) {
    const grantType = (body as Record<string, unknown> | undefined)?.grant_type;
    if (isForm && typeof grantType === 'string') entry.grantType = grantType;
    const clientId = parseBasicAuth(request.headers.authorization)?.appId;
    if (clientId) entry.clientId = clientId;
  }
  state.record(entry);
}

/** Plays an injected fault; returns true when the request was answered (or dropped). */
async function playFault(
  state: MockWorld,
  fault: MockFault,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (fault.delayMs) {
    // Stop waiting when the client gives up (its timeout), so closing the mock never waits on a delay.
    const socket = request.raw.socket;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, fault.delayMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (socket.destroyed) {
      logEntry(state, request, 0);
      reply.hijack();
      return true;
    }
  }
  if (fault.reset) {
    logEntry(state, request, 0);
    reply.hijack();
    request.raw.socket.destroy();
    return true;
  }
  if (fault.malformedJson) {
    reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send('{"access_token": "pina_trunc');
    return true;
  }
  if (fault.redirectTo) {
    reply.code(302).header('location', fault.redirectTo).send();
    return true;
  }
  if (fault.status) {
    reply.code(fault.status).send(fault.body ?? defaultErrorBody(fault.status));
    return true;
  }
  return false;
}

/**
 * No route declares a Fastify schema: the API guard checks requests against the spec with its own validators
 * (`spec/request-validation.ts`), and bodies are sent as built. Fastify would otherwise load Ajv and
 * fast-json-stringify on every start for nothing; these stand-ins fail loudly if a route ever declares one.
 */
const NO_SCHEMA_COMPILERS = {
  buildValidator: () => (route: { url?: string }) => {
    throw new Error(
      `${route.url}: the mock's routes declare no Fastify schema; check requests with spec/request-validation.ts`,
    );
  },
  buildSerializer: () => (route: { url?: string }) => {
    throw new Error(
      `${route.url}: the mock's routes declare no Fastify response schema; send the body as built`,
    );
  },
};

/** Builds the Fastify app (not listening) and the `control` object bound to the same state. */
export async function buildMockServer(
  state: MockWorld,
  options: PinterestMockOptions,
): Promise<{ app: FastifyInstance; control: MockControl }> {
  const app = Fastify({
    logger: options.logger
      ? {
          // The default serializer logs req.url, which carries codes and state on the consent routes.
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
          },
        }
      : false,
    bodyLimit: MAX_API_BODY_BYTES,
    schemaController: { compilersFactory: NO_SCHEMA_COMPILERS },
    // A test double must close at once, even with a client still waiting on an injected delay.
    forceCloseConnections: true,
  });
  const control = createControl(state);
  const nextRid = createRidGenerator();

  refuseRepeatedParameters(app);
  await app.register(formbody);
  // Pinterest answers other content types with its own errors, so take every body in and let routes judge.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.decorateRequest('mockRid', '');
  app.decorateRequest('mockTime', 0);

  // Callback-style hooks: they run on every request, and a hook returning a promise costs a microtask turn.
  app.addHook('onRequest', (request, reply, done) => {
    request.mockRid = nextRid();
    request.mockTime = state.now();
    reply.header('x-pinterest-rid', request.mockRid);
    // The Date header tells the mock's time, so advancing the clock also looks like a client's clock skew.
    reply.header('date', httpDate(request.mockTime));
    if (state.faults.length === 0) return done();
    const path = pathOf(request.url);
    if (isUnlogged(path)) return done();
    const fault = state.takeFault(request.method, path);
    if (!fault) return done();
    playFault(state, fault, request, reply).then((answered) => {
      if (!answered) done();
    }, done);
  });

  app.addHook('onResponse', (request, reply, done) => {
    logEntry(state, request, reply.statusCode);
    done();
  });

  app.setErrorHandler((error: Error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) return reply.code(status).send(defaultErrorBody(status));
    if (status === 413) {
      // Fastify stopped reading at the limit: close the connection rather than drain the rest.
      reply.header('connection', 'close');
      return reply.code(413).send({
        code: 1,
        message: `Request body too large: the limit is ${MAX_API_BODY_BYTES} bytes (50 MB). Send videos through POST /v5/media and image_url rather than large base64 images.`,
      });
    }
    const message = (error as { validation?: unknown }).validation
      ? `Invalid request body: ${error.message}.`
      : `Invalid request: ${error.message}`;
    return reply.code(status === 415 ? 400 : status).send({ code: 1, message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      code: 404,
      message: `Not found: ${request.method} ${pathOf(request.url)} is not an endpoint this mock serves.`,
    }),
  );

  await app.register(consentRoutes, { state });
  await app.register(imageRoutes, { state });
  await app.register(mediaUploadRoutes, { state });
  await app.register(reportDownloadRoutes, { state });
  for (const [prefix, environment] of [
    ['', 'production'],
    ['/sandbox', 'sandbox'],
  ] as const) {
    await app.register(tokenRoutes, { prefix, state, environment });
    await app.register(apiRoutes, { prefix, state, environment });
  }
  await app.register(controlRoutes, { prefix: '/_mock', control, state });
  return { app, control };
}

/**
 * Starts a local Pinterest: the consent page, the token endpoint, all of API v5 (production and
 * sandbox hosts on one port) and a control plane for tests.
 *
 * @example
 * const mock = await startPinterestMock({ autoApprove: 'alice' });
 * process.env.PINTEREST_OAUTH_URI = mock.oauthUrl;
 * process.env.PINTEREST_API_URI = mock.apiUrl;
 */
export async function startPinterestMock(options: PinterestMockOptions = {}): Promise<PinterestMock> {
  const state = new MockWorld(options);
  const { app, control } = await buildMockServer(state, options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  state.baseUrl = url;
  // Media URLs in the seeded Pins carry the real port: rebuild the data now that it is known.
  state.resetData();
  return {
    url,
    oauthUrl: url,
    apiUrl: url,
    sandboxApiUrl: `${url}/sandbox`,
    port,
    control,
    close: async () => {
      await app.close();
    },
  };
}
