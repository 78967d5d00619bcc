/**
 * Check 3, reachability: DNS and a real request to the consent host and the API host (TLS included), with the
 * proxy variables; and the clock skew read from the API's `Date` header.
 *
 * @module
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DoctorContext } from './context.js';
import { DOCS } from './docs-links.js';
import { type Answer, ask } from './http.js';
import { fetchFollowsProxyVariables, proxyFor } from './proxy.js';
import type { CheckResult } from './types.js';

const TITLE = 'Pinterest reachable';

function hostOf(url: URL): string {
  return url.host;
}

function connectionFix(
  answer: Answer & { ok: false },
  url: URL,
  variable: string,
  timeoutMs: number,
): string {
  switch (answer.problem) {
    case 'dns':
      return `Check the host name in ${variable} and this machine's DNS; behind a proxy, set HTTPS_PROXY.`;
    case 'refused':
      return `Nothing listens at ${hostOf(url)}: check ${variable}, or start the server it points at.`;
    case 'tls':
      return `Behind a TLS-inspecting proxy, give Node its CA certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem.`;
    case 'timeout':
      return `No answer within ${timeoutMs / 1000} s: check the firewall, or set HTTPS_PROXY together with NODE_USE_ENV_PROXY=1.`;
    default:
      return `Check this machine's network connection to ${hostOf(url)}.`;
  }
}

/** Reach the consent host and the API host; keeps the API's answer in the context for the clock check. */
export async function checkReachability(ctx: DoctorContext, customFetch: boolean): Promise<CheckResult> {
  const { settings, env } = ctx;
  const targets = [
    { url: new URL(`${settings.apiUrl}/v5/user_account`), variable: 'PINTEREST_API_URI', api: true },
    { url: new URL(`${settings.oauthUrl}/oauth/`), variable: 'PINTEREST_OAUTH_URI', api: false },
  ];
  const details: string[] = [];
  const ignoredProxies: string[] = [];
  for (const { url, variable, api } of targets) {
    const proxy = proxyFor(url, env);
    const proxyUsed = proxy !== undefined && (customFetch || fetchFollowsProxyVariables(env));
    if (proxy && !proxyUsed) ignoredProxies.push(`${url.hostname} (${proxy})`);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(hostname) === 0 && !proxyUsed) {
      try {
        await lookup(hostname);
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ENOTFOUND';
        return {
          id: 'reachability',
          title: TITLE,
          status: 'fail',
          summary: `DNS cannot resolve ${hostname} (${code}).`,
          fix: `Check the host name in ${variable} and this machine's DNS; behind a proxy, set HTTPS_PROXY.`,
          docs: DOCS.unreachable,
        };
      }
    }
    const answer = await ask(ctx.fetch, url.href, { method: 'GET' }, ctx.timeoutMs, ctx.now);
    if (!answer.ok) {
      const fix =
        proxy && !proxyUsed
          ? `Node's fetch ignores ${url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'} (${proxy}): run with NODE_USE_ENV_PROXY=1 on Node 22.21+ or 24.5+.`
          : connectionFix(answer, url, variable, ctx.timeoutMs);
      return {
        id: 'reachability',
        title: TITLE,
        status: 'fail',
        summary: `${url.origin} cannot be reached (${answer.problem === 'tls' ? 'TLS' : answer.problem}: ${answer.code}).`,
        fix,
        docs: proxy ? DOCS.proxy : DOCS.unreachable,
      };
    }
    if (api) ctx.apiAnswer = answer;
    details.push(
      `${url.origin}${url.pathname} answered HTTP ${answer.status}${proxyUsed ? ` through ${proxy}` : ''}.`,
    );
  }
  if (ignoredProxies.length > 0) {
    return {
      id: 'reachability',
      title: TITLE,
      status: 'warn',
      summary: 'Reached directly, although proxy variables are set for it.',
      fix: `Node's fetch ignores HTTPS_PROXY/HTTP_PROXY for ${ignoredProxies.join(', ')}: run with NODE_USE_ENV_PROXY=1 (Node 22.21+ or 24.5+), or add the host to NO_PROXY.`,
      docs: DOCS.proxy,
      details,
    };
  }
  const origins = [...new Set(targets.map((t) => t.url.origin))];
  return {
    id: 'reachability',
    title: TITLE,
    status: 'pass',
    summary: `${origins.join(' and ')} ${origins.length === 1 ? 'answers' : 'answer'}.`,
    details,
  };
}

/** Warn from 30 s, fail from 5 minutes (the margin by which tokens are refreshed before they expire). */
const WARN_SKEW_MS = 30_000;
const FAIL_SKEW_MS = 300_000;

/** Compare this machine's clock with the API's `Date` header. */
export function checkClock(ctx: DoctorContext): CheckResult {
  const date = ctx.apiAnswer?.headers.get('date');
  const server = date ? Date.parse(date) : Number.NaN;
  if (!ctx.apiAnswer || Number.isNaN(server)) {
    return {
      id: 'clock',
      title: 'Clock',
      status: 'warn',
      summary: 'The API sent no usable Date header, so the clock could not be compared.',
      fix: 'Make sure this machine synchronises its clock (NTP), since token expiry times are computed locally.',
      docs: DOCS.clockSkew,
    };
  }
  // The Date header has one-second resolution; allow for it.
  const skewMs = ctx.apiAnswer.midpoint - server;
  const abs = Math.abs(skewMs);
  const words = `${Math.round(abs / 1000)} s ${skewMs > 0 ? 'ahead of' : 'behind'} Pinterest`;
  if (abs < WARN_SKEW_MS) {
    return {
      id: 'clock',
      title: 'Clock',
      status: 'pass',
      summary: `Within ${Math.max(1, Math.round(abs / 1000))} s of Pinterest's.`,
    };
  }
  return {
    id: 'clock',
    title: 'Clock',
    status: abs >= FAIL_SKEW_MS ? 'fail' : 'warn',
    summary: `This machine's clock is ${words}.`,
    fix: 'Synchronise the clock (e.g. enable NTP with `timedatectl set-ntp true`), since token expiry is computed from it.',
    docs: DOCS.clockSkew,
  };
}
