import type { FastifyInstance } from 'fastify';
import { controlRefusal } from './control-guard.js';
import { MAX_UPLOAD_BYTES } from './media-uploads.js';
import type {
  MockAdAccountSeed,
  MockApp,
  MockControl,
  MockFault,
  MockTokenRequestLogEntry,
  MockUser,
} from './types.js';
import type { MockWorld } from './world.js';

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return value;
}

function checkApp(app: MockApp): MockApp {
  requireString(app?.appId, 'app.appId');
  if (!/^\d+$/.test(app.appId))
    throw new TypeError(`app.appId must be numeric like Pinterest's (got "${app.appId}")`);
  requireString(app.appSecret, 'app.appSecret');
  if (!Array.isArray(app.redirectUris))
    throw new TypeError('app.redirectUris must be an array of absolute URLs');
  for (const uri of app.redirectUris) checkRedirectUri(uri);
  return { ...app, redirectUris: [...app.redirectUris] };
}

function checkRedirectUri(uri: unknown): string {
  const text = requireString(uri, 'redirect URI');
  if (!URL.canParse(text)) throw new TypeError(`redirect URI must be an absolute URL (got "${text}")`);
  return text;
}

function checkUser(user: MockUser): MockUser {
  requireString(user?.id, 'user.id');
  if (!/^\d+$/.test(user.id))
    throw new TypeError(`user.id must be numeric like Pinterest's (got "${user.id}")`);
  requireString(user.username, 'user.username');
  return user;
}

/** The `control` object of a running mock. */
export function createControl(state: MockWorld): MockControl {
  return {
    registerApp(app) {
      const checked = checkApp(app);
      state.apps.set(checked.appId, checked);
    },
    addRedirectUri(appId, uri) {
      const app = state.apps.get(appId);
      if (!app) throw new TypeError(`no app ${appId} is registered; registerApp() it first`);
      const checked = checkRedirectUri(uri);
      if (!app.redirectUris.includes(checked)) app.redirectUris.push(checked);
    },
    seedUser(user) {
      state.seedUser(checkUser(user));
    },
    setAutoApprove(user) {
      if (user !== false && !state.findUser(user)) {
        throw new TypeError(`no seeded account "${user}"; seed it first or pass an id/username that exists`);
      }
      state.autoApprove = user;
    },
    advanceClock(seconds) {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        throw new TypeError(`advanceClock takes a non-negative number of seconds (got ${String(seconds)})`);
      }
      state.clockOffsetMs += seconds * 1000;
      return state.now();
    },
    now: () => state.now(),
    injectFault(fault: MockFault) {
      state.addFault(fault);
    },
    clearFaults() {
      state.faults = [];
    },
    requests: () => state.log.map((entry) => ({ ...entry })),
    tokenRequests: () =>
      state.log
        .filter((entry) => entry.method === 'POST' && /^(\/sandbox)?\/v5\/oauth\/token$/.test(entry.path))
        .map((entry) => ({ ...entry }) as MockTokenRequestLogEntry),
    revokeAllTokensOf: (userId) => state.revokeAllTokensOf(requireString(userId, 'userId')),
    reset: () => state.reset(),
    setMediaProcessingSeconds(seconds) {
      state.mediaSettings.processingMs = requireCount(seconds, 'seconds') * 1000;
    },
    failNextMediaUploads(count) {
      state.mediaSettings.failNext = requireCount(count, 'count');
    },
    setMediaUploadLimit(bytes) {
      const limit = requireCount(bytes, 'bytes');
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_UPLOAD_BYTES) {
        throw new TypeError(
          `bytes must be a whole number from 1 to ${MAX_UPLOAD_BYTES} (2 GB) (got ${bytes})`,
        );
      }
      state.mediaSettings.maxUploadBytes = limit;
    },
    setReportProcessingSeconds(seconds) {
      state.reportSettings.processingMs = requireCount(seconds, 'seconds') * 1000;
    },
    failNextReports(count) {
      state.reportSettings.failNext = requireCount(count, 'count');
    },
    addAdAccount(userId, account) {
      const user = state.findUser(requireString(userId, 'userId'));
      if (!user) throw new TypeError(`no seeded account "${userId}"; seed it first`);
      requireString(account?.name, 'account.name');
      if (account.id !== undefined && !/^\d+$/.test(account.id)) {
        throw new TypeError(`account.id must be numeric like Pinterest's (got "${account.id}")`);
      }
      state.addAdAccount(user, account);
    },
  };
}

function requireCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * The same operations over HTTP under `/_mock/`, for processes that did not start the mock. Bad input
 * answers 400 `{error}` naming what was wrong.
 */
export async function controlRoutes(app: FastifyInstance, opts: { control: MockControl; state: MockWorld }) {
  const { control, state } = opts;

  app.setErrorHandler((error: Error, _request, reply) => {
    const status = error instanceof TypeError ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
    return reply.code(status).send({ error: error.message });
  });

  // One guard for the whole prefix, before any body is read (H5).
  app.addHook('onRequest', async (request, reply) => {
    const refusal = controlRefusal(request, state.baseUrl ? new URL(state.baseUrl).hostname : undefined);
    if (refusal) return reply.code(refusal.status).send({ error: refusal.message });
  });

  app.get('/', async () => ({
    apps: [...state.apps.values()].map(({ appSecret: _secret, ...app }) => app),
    users: state.users.map((user) => ({ id: user.id, username: user.username })),
    autoApprove: state.autoApprove,
    now: state.now(),
    faults: state.faults.length,
  }));
  app.post<{ Body: MockApp }>('/apps', async (request) => {
    control.registerApp(request.body);
    return { ok: true };
  });
  app.post<{ Params: { appId: string }; Body: { uri: string } }>(
    '/apps/:appId/redirect-uris',
    async (request) => {
      control.addRedirectUri(request.params.appId, request.body?.uri);
      return { ok: true };
    },
  );
  app.post<{ Body: MockUser }>('/users', async (request) => {
    control.seedUser(request.body);
    return { ok: true };
  });
  app.post<{ Params: { userId: string } }>('/users/:userId/revoke-tokens', async (request) => ({
    revoked: control.revokeAllTokensOf(request.params.userId),
  }));
  app.put<{ Body: { user: string | false } }>('/auto-approve', async (request) => {
    control.setAutoApprove(request.body?.user ?? false);
    return { ok: true };
  });
  app.get('/clock', async () => ({ now: control.now() }));
  app.post<{ Body: { seconds: number } }>('/clock/advance', async (request) => ({
    now: control.advanceClock(request.body?.seconds),
  }));
  app.post<{ Body: MockFault }>('/faults', async (request) => {
    control.injectFault(request.body);
    return { ok: true };
  });
  app.delete('/faults', async () => {
    control.clearFaults();
    return { ok: true };
  });
  app.get('/requests', async () => control.requests());
  app.get('/token-requests', async () => control.tokenRequests());
  app.put<{ Body: { seconds: number } }>('/media/processing-time', async (request) => {
    control.setMediaProcessingSeconds(request.body?.seconds);
    return { ok: true };
  });
  app.post<{ Body: { count?: number } }>('/media/fail-next', async (request) => {
    control.failNextMediaUploads(request.body?.count ?? 1);
    return { ok: true };
  });
  app.put<{ Body: { bytes: number } }>('/media/upload-limit', async (request) => {
    control.setMediaUploadLimit(request.body?.bytes);
    return { ok: true };
  });
  app.put<{ Body: { seconds: number } }>('/reports/processing-time', async (request) => {
    control.setReportProcessingSeconds(request.body?.seconds);
    return { ok: true };
  });
  app.post<{ Body: { count?: number } }>('/reports/fail-next', async (request) => {
    control.failNextReports(request.body?.count ?? 1);
    return { ok: true };
  });
  app.post<{ Params: { userId: string }; Body: MockAdAccountSeed }>(
    '/users/:userId/ad-accounts',
    async (request) => {
      control.addAdAccount(request.params.userId, request.body);
      return { ok: true };
    },
  );
  app.post('/reset', async () => {
    control.reset();
    return { ok: true };
  });
}
