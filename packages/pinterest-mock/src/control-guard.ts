/**
 * Who may use the control plane (`/_mock/…`): the developer's own scripts and tests, never a web page. It can
 * register redirect URIs, seed accounts and wipe the mock, so any page the developer has open must not reach
 * it — not by a form post, not by a `text/plain` fetch, not through DNS rebinding (a page on a name of the
 * attacker's that now resolves to 127.0.0.1).
 *
 * @module
 */
import type { FastifyRequest } from 'fastify';

/** Why a control request was refused: the status and the message naming the fix. */
export interface ControlRefusal {
  status: 403 | 415;
  message: string;
}

/** Host names that only ever mean this machine (RFC 6761 §6.3 for `localhost` and its subdomains). */
function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
}

/** The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`), lower-cased. */
function hostnameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host);
  return match?.[1]?.toLowerCase();
}

/**
 * `undefined` when `request` may use the control plane, else why not. Rules: the `Host` is a loopback name
 * (or the host the mock was started on, `ownHost`); a browser's `Origin` is the mock's own and its
 * `Sec-Fetch-Site` is `same-origin` or `none`; a request that carries a body or a content type carries JSON.
 */
export function controlRefusal(
  request: FastifyRequest,
  ownHost: string | undefined,
): ControlRefusal | undefined {
  const host = request.headers.host ?? '';
  const hostname = hostnameOf(host);
  if (hostname === undefined || !(isLoopbackName(hostname) || hostname === ownHost)) {
    return {
      status: 403,
      message: `The control plane answers only on loopback names (Host: localhost, 127.0.0.1 or [::1], with the port); this request came for Host "${host.slice(0, 100)}".`,
    };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return {
      status: 403,
      message: `Cross-origin request refused: the control plane takes calls from scripts or from its own origin http://${host}, not from Origin "${origin.slice(0, 100)}".`,
    };
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return {
      status: 403,
      message: `Cross-origin request refused (Sec-Fetch-Site: ${site}): call the control plane from a script or a test.`,
    };
  }
  const type = request.headers['content-type'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if ((type !== undefined || hasBody) && !/^application\/json\s*(?:;|$)/i.test(type ?? '')) {
    return {
      status: 415,
      message: `The control plane takes JSON only: send the body with content-type: application/json (got ${type === undefined ? 'no content-type' : `"${type.slice(0, 100)}"`}).`,
    };
  }
  return undefined;
}
