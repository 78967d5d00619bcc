/**
 * Request logging that never writes the OAuth callback's `code` or `state` (W5). Fastify logs `req.url` for
 * every request by default, and the callback URL carries both: a code in a log file can be exchanged for
 * tokens by anyone who reads the log within its lifetime.
 */
import type { FastifyRequest } from 'fastify';

/** Where log lines go (pino's destination shape): tests pass a collector, production stdout. */
export interface LogStream {
  write(line: string): void;
}

/** Query parameters whose values are credentials or CSRF secrets. */
const SECRET_PARAMS = new Set(['code', 'state', 'access_token', 'refresh_token', 'token', 'client_secret']);

/** `req.url` with the values of {@link SECRET_PARAMS} replaced by `[redacted]` (the names stay, for debugging). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(q + 1));
  } catch {
    return `${path}?[unparseable query]`;
  }
  const parts: string[] = [];
  for (const [name, value] of params) {
    const shown = SECRET_PARAMS.has(name.toLowerCase()) ? '[redacted]' : encodeURIComponent(value);
    parts.push(`${encodeURIComponent(name)}=${shown}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Options for Fastify's `logger`: level, destination, and a `req` serializer that redacts the URL. */
export function loggerOptions(level: string, stream?: LogStream) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req(request: FastifyRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
        };
      },
    },
  };
}
