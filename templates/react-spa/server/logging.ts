/**
 * Logger settings. Request URLs are logged without their query string: `/auth/callback?code=…&state=…` would
 * otherwise put the code and state in the log (W5).
 */
import type { FastifyServerOptions } from 'fastify';

/** Request path without the query string: what gets logged. */
export function pathOnly(url: string | undefined): string {
  const raw = url ?? '';
  const i = raw.indexOf('?');
  return i === -1 ? raw : raw.slice(0, i);
}

/** Fastify's `logger` option from the app's: `false` stays off, anything else gets the safe serializers. */
export function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: pathOnly(req.url) }),
    },
  };
}
