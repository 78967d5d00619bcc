/**
 * Readable log lines for `npm run dev`: one line a request (`12:00:01 200 GET /boards 35 ms`) and one line for
 * anything else (`12:00:02 WARN login did not complete code=STATE_MISMATCH`), instead of pino's JSON. `npm start`
 * keeps the JSON, which log collectors read. It formats what the logger already wrote, so redaction (W5) has
 * happened before a line gets here.
 */
import type { LogStream } from './logging.js';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every pino line has, or that the formatter prints in its own way. */
const HIDDEN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'reqId',
  'req',
  'res',
  'responseTime',
  'err',
]);

interface LogLine {
  level: number;
  time: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; code?: string; stack?: string };
  [field: string]: unknown;
}

const clock = (time: number) => new Date(time).toISOString().slice(11, 19);

/**
 * A log destination that writes one readable line per request to `out` (remembering each request's method
 * and URL from Fastify's "incoming request" line until its "request completed" line).
 */
export function readableLogStream(out: LogStream = process.stdout): LogStream {
  const pending = new Map<string, { method?: string; url?: string }>();
  return {
    write(raw: string) {
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        out.write(raw);
        return;
      }
      if (line.msg === 'incoming request' && line.reqId && line.req) {
        // Requests that never complete (a dropped connection) must not pile up.
        if (pending.size >= 10_000) pending.clear();
        pending.set(line.reqId, line.req);
        return;
      }
      if (line.msg === 'request completed' && line.reqId) {
        const req = pending.get(line.reqId) ?? {};
        pending.delete(line.reqId);
        const ms = line.responseTime === undefined ? '' : ` ${Math.round(line.responseTime)} ms`;
        out.write(
          `${clock(line.time)} ${line.res?.statusCode ?? '???'} ${req.method ?? ''} ${req.url ?? ''}${ms}\n`,
        );
        return;
      }
      const extra = Object.entries(line)
        .filter(([name, value]) => !HIDDEN.has(name) && value !== undefined)
        .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      if (line.err)
        extra.push(`error=${[line.err.type, line.err.code, line.err.message].filter(Boolean).join(' ')}`);
      const level = LEVELS[line.level] ?? String(line.level);
      // An error's stack is what a developer needs to fix a 500 (auth-core errors hold no secret, C10).
      const stack = line.level >= 50 && line.err?.stack ? `\n${line.err.stack}` : '';
      out.write(
        `${clock(line.time)} ${level} ${line.msg ?? ''}${extra.length ? ` ${extra.join(' ')}` : ''}${stack}\n`,
      );
    },
  };
}
