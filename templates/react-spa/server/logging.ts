/**
 * Logging: one line a request (not Fastify's two), JSON in production (for log collectors), a short readable
 * line in development. Request URLs are logged without their query string: `/auth/callback?code=…&state=…`
 * would otherwise put the code and state in the log (W5).
 */
import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

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

/** Logs each request once, when its answer is sent: method, path (no query), status and time. */
export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every pino line has, not worth repeating in a readable line. */
const PLUMBING = new Set(['level', 'time', 'pid', 'hostname', 'reqId', 'msg', 'req', 'status', 'ms']);

/** One pino JSON line as a readable line: `12:00:01 GET /api/boards 200 12.3 ms`, or `12:00:01 WARN message …`. */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toTimeString().slice(0, 8);
  const req = entry.req as { method?: string; url?: string } | undefined;
  if (entry.msg === 'request' && req)
    return `${time} ${req.method} ${req.url} ${entry.status} ${entry.ms} ms`;
  const level = LEVELS[Number(entry.level)] ?? 'LOG';
  const where = req ? ` (${req.method} ${req.url})` : '';
  const extra = Object.entries(entry).filter(([key, value]) => !PLUMBING.has(key) && value !== undefined);
  const details = extra.length ? ` ${JSON.stringify(Object.fromEntries(extra))}` : '';
  return `${time} ${level} ${String(entry.msg ?? '')}${where}${details}`;
}

/** A destination for Fastify's logger that prints {@link readableLine}s to `out` (development). */
export function readableStream(out: NodeJS.WritableStream = process.stdout): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) out.write(`${readableLine(line)}\n`);
      done();
    },
  });
}
