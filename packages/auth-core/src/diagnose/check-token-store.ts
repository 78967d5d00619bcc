/**
 * Check 5a, token store: reachable, private and durable, through the probe the store offers
 * ({@link ProbeableTokenStore}); auth-core itself knows no Redis.
 *
 * @module
 */
import { fingerprint } from '../fingerprint.js';
import { MemoryTokenStore } from '../stores/memory-token-store.js';
import type { TokenStore } from '../stores/types.js';
import type { DoctorContext } from './context.js';
import { DOCS } from './docs-links.js';
import type { CheckResult, ProbeableTokenStore, StoreFinding } from './types.js';

const TITLE = 'Token store';

const RANK = { pass: 0, warn: 1, fail: 2 } as const;

/** Whether `store` offers a `probe()`. */
export function isProbeable(store: TokenStore | undefined): store is ProbeableTokenStore {
  return typeof (store as Partial<ProbeableTokenStore> | undefined)?.probe === 'function';
}

/** Ask the store about itself. */
export async function checkTokenStore(ctx: DoctorContext): Promise<CheckResult> {
  if (ctx.accessTokenFromEnv && ctx.settings.accessToken) {
    return {
      id: 'token-store',
      title: TITLE,
      status: 'pass',
      summary: `PINTEREST_ACCESS_TOKEN (fingerprint ${fingerprint(ctx.settings.accessToken)}) is used as it is, without a store or refresh.`,
    };
  }
  const { store } = ctx;
  if (!store) {
    return {
      id: 'token-store',
      title: TITLE,
      status: 'skip',
      summary: 'No token store was given to the doctor.',
    };
  }
  if (store instanceof MemoryTokenStore) {
    return {
      id: 'token-store',
      title: TITLE,
      status: 'warn',
      summary: 'Tokens are kept in memory: every user is logged out when the app restarts.',
      fix: 'Keep tokens in a file (FileTokenStore, TOKEN_STORE=file) or in Redis (REDIS_URL) before going live.',
      docs: DOCS.goingLive,
    };
  }
  if (!isProbeable(store)) {
    return {
      id: 'token-store',
      title: TITLE,
      status: 'warn',
      summary: 'This token store offers no probe(), so it cannot be checked.',
      fix: 'Give the store a probe() (see ProbeableTokenStore) or check its durability and access by hand.',
      docs: DOCS.goingLive,
    };
  }
  let findings: StoreFinding[];
  let description: string;
  try {
    const probe = await store.probe();
    ctx.probe = probe;
    findings = probe.findings;
    description = probe.description;
  } catch (error) {
    return {
      id: 'token-store',
      title: TITLE,
      status: 'fail',
      summary: `The store's probe failed: ${(error as Error).message}`,
      fix: 'Fix the error above and run the doctor again.',
      docs: DOCS.goingLive,
    };
  }
  const worst = findings.reduce<StoreFinding | undefined>(
    (acc, finding) => (!acc || RANK[finding.status] > RANK[acc.status] ? finding : acc),
    undefined,
  );
  const details = findings.map(
    (f) => `${f.status === 'pass' ? '✔' : f.status === 'warn' ? '!' : '✖'} ${f.summary}`,
  );
  if (!worst || worst.status === 'pass') {
    return { id: 'token-store', title: TITLE, status: 'pass', summary: description, details };
  }
  return {
    id: 'token-store',
    title: TITLE,
    status: worst.status,
    summary: `${description}: ${worst.summary}`,
    ...(worst.fix ? { fix: worst.fix } : {}),
    docs: worst.docs ?? DOCS.goingLive,
    details: details.filter((line) => !line.endsWith(worst.summary)),
  };
}
