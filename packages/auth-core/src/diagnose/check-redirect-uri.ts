/**
 * Check 2, redirect URI: the rules Pinterest applies (exact match, https except on loopback) and what the app
 * actually serves (port, callback path), with the exact string to register.
 *
 * @module
 */
import { isLoopbackHost } from '../config.js';
import type { DoctorSettings } from './context.js';
import { DOCS } from './docs-links.js';
import type { CheckResult, ServedApp } from './types.js';

const TITLE = 'Redirect URI';

const defaultPort = (url: URL) => (url.protocol === 'https:' ? 443 : 80);

/** Compare the redirect URI with Pinterest's rules and with the app's own listener. */
export function checkRedirectUri(settings: DoctorSettings, served: ServedApp | undefined): CheckResult {
  const raw = settings.redirectUri;
  if (!raw) {
    return {
      id: 'redirect-uri',
      title: TITLE,
      status: 'skip',
      summary: 'No redirect URI: the access token is used as it is, without a login.',
    };
  }
  const url = new URL(raw);
  const register = `Register exactly: ${raw}`;
  const fail = (summary: string, fix: string): CheckResult => ({
    id: 'redirect-uri',
    title: TITLE,
    status: 'fail',
    summary,
    fix,
    docs: DOCS.redirectUris,
    details: [register],
  });
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return fail(
      `${raw} uses http:// on ${url.hostname}.`,
      'Use https:// for a public host; http:// is only for localhost and 127.0.0.1.',
    );
  }
  if (served?.callbackPath !== undefined && url.pathname !== served.callbackPath) {
    return fail(
      `The app's callback route is ${served.callbackPath}, but the redirect URI's path is ${url.pathname}.`,
      `Set PINTEREST_REDIRECT_URI to ${url.origin}${served.callbackPath} and register that.`,
    );
  }
  const port = Number(url.port) || defaultPort(url);
  if (loopback && served?.port !== undefined && served.port !== 0 && served.port !== port) {
    return fail(
      `The app listens on port ${served.port}, but the redirect URI sends the browser to port ${port}.`,
      `Make PORT and the redirect URI's port the same (e.g. ${url.protocol}//${url.host.replace(/:\d+$/, '')}:${served.port}${url.pathname}).`,
    );
  }
  if (
    loopback &&
    served?.host !== undefined &&
    isLoopbackHost(served.host) === false &&
    served.host !== '0.0.0.0' &&
    served.host !== '::'
  ) {
    return fail(
      `The redirect URI points at ${url.hostname}, but the app listens on ${served.host} only.`,
      'Listen on 127.0.0.1 (HOST=127.0.0.1) or use a redirect URI on the host the app listens on.',
    );
  }
  const warnings: string[] = [];
  if (url.search)
    warnings.push(
      'It has a query string: Pinterest compares it byte for byte, so register it with the query.',
    );
  if (url.pathname === '/' && !raw.endsWith('/')) {
    warnings.push(
      `It has no path: ${raw} and ${raw}/ are different URIs to Pinterest; register the one the app sends.`,
    );
  }
  if (url.href !== raw && !(url.pathname === '/' && `${raw}/` === url.href)) {
    warnings.push(`It is not in normal form (${url.href}): register exactly the configured string.`);
  }
  const notes = [register];
  if (loopback) {
    notes.push(
      url.hostname === 'localhost'
        ? 'localhost and 127.0.0.1 are different URIs to Pinterest: open the app on localhost too.'
        : `${url.hostname} and localhost are different URIs to Pinterest: open the app on ${url.hostname} too.`,
    );
  }
  if (warnings.length > 0) {
    return {
      id: 'redirect-uri',
      title: TITLE,
      status: 'warn',
      summary: raw,
      fix: warnings[0] as string,
      docs: DOCS.redirectUris,
      details: [...warnings.slice(1), ...notes],
    };
  }
  return {
    id: 'redirect-uri',
    title: TITLE,
    status: 'pass',
    summary: `${raw} (${loopback ? 'loopback, http allowed' : 'https'}${served?.callbackPath ? ', served by the app' : ''}).`,
    details: notes,
  };
}
