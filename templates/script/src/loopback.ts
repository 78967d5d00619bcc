/**
 * The loopback redirect receiver of RFC 8252 §7.3: a one-shot HTTP server on 127.0.0.1 at the port of the
 * registered redirect URI, waiting for Pinterest to send the browser back with `?code=…&state=…`.
 *
 * - Bound to 127.0.0.1 only: nothing else on the network can reach it (L1).
 * - Only `GET` on the redirect URI's exact path carrying this login's `state` counts; anything else (the
 *   browser's `/favicon.ico`, a stray tab, another login's callback) is answered and ignored, so it cannot
 *   consume or break the login (L3). The real state check is `handleCallback` in `@kit/auth-core`; this filter
 *   only decides which request to hand over.
 * - Closes after the first valid callback; gives up after `timeoutMs` (5 minutes by default).
 * - The page the browser lands on has `Referrer-Policy: no-referrer`, `Cache-Control: no-store` and loads
 *   nothing from anywhere (L4): the address bar still holds the code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** Default time to wait for the browser. */
export const LOGIN_TIMEOUT_MS = 5 * 60 * 1000;

/** Why the loopback login could not finish. */
export class LoopbackError extends Error {
  constructor(
    readonly code: 'PORT_BUSY' | 'TIMEOUT' | 'BAD_REDIRECT_URI' | 'LISTEN_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'LoopbackError';
  }
}

/** What the browser tab shows once the login is over. */
export interface ResultPage {
  ok: boolean;
  title: string;
  message: string;
}

/** A listening loopback receiver. */
export interface LoopbackReceiver {
  /** The address actually bound, e.g. `{ address: '127.0.0.1', port: 8085 }`. */
  address: { address: string; port: number };
  /** Resolves with the full callback URL (on the redirect URI's origin) of the first valid callback. */
  callback: Promise<URL>;
  /** Answers the waiting browser tab and shuts the server down. */
  finish(page: ResultPage): Promise<void>;
  /** Shuts down without answering (errors, Ctrl-C). */
  close(): Promise<void>;
}

/**
 * Checks that `redirectUri` can be served by a loopback receiver: `http`, host `localhost` or `127.0.0.1`,
 * an explicit port.
 */
export function loopbackTarget(redirectUri: string): { port: number; path: string } {
  const url = new URL(redirectUri);
  if (url.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(url.hostname) || !url.port) {
    throw new LoopbackError(
      'BAD_REDIRECT_URI',
      `PINTEREST_REDIRECT_URI must be http://localhost:<port>/ or http://127.0.0.1:<port>/ for the command-line login (got ${redirectUri})`,
    );
  }
  return { port: Number(url.port), path: url.pathname };
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The closing page: inline styles only, no script, no images, no links out. */
export function resultPageHtml(page: ResultPage): string {
  const colour = page.ok ? '#0a7a3b' : '#b3261e';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#fafafa;color:#111}
main{max-width:32rem;padding:2rem;text-align:center}h1{color:${colour};font-size:1.6rem}p{font-size:1.1rem;line-height:1.5}</style>
</head><body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></main></body></html>
`;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
};

function send(res: ServerResponse, status: number, page: ResultPage): void {
  res.writeHead(status, PAGE_HEADERS);
  res.end(resultPageHtml(page));
}

/** Options of {@link startLoopbackReceiver}. */
export interface LoopbackOptions {
  redirectUri: string;
  /** The `state` of the login being waited for. */
  state: string;
  timeoutMs?: number;
}

/** Starts listening; rejects with `PORT_BUSY` at once if the port is taken. */
export async function startLoopbackReceiver(options: LoopbackOptions): Promise<LoopbackReceiver> {
  const { port, path } = loopbackTarget(options.redirectUri);
  const origin = new URL(options.redirectUri).origin;
  let waiting: ServerResponse | undefined;
  let done = false;
  let resolveCallback!: (url: URL) => void;
  let rejectCallback!: (error: Error) => void;
  const callback = new Promise<URL>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  callback.catch(() => {}); // the caller may not be awaiting yet when it fails

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    if (done) {
      send(res, 410, { ok: false, title: 'Login already finished', message: 'You can close this tab.' });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(req.method === 'GET' ? 404 : 405, {
        'content-type': 'text/plain',
        'cache-control': 'no-store',
      });
      res.end('Not found');
      return;
    }
    const state = url.searchParams.getAll('state');
    if (state.length !== 1 || state[0] !== options.state) {
      send(res, 400, {
        ok: false,
        title: 'Not the login this terminal is waiting for',
        message:
          'This page belongs to another or older login. Use the link the command printed most recently.',
      });
      return;
    }
    done = true;
    clearTimeout(timer);
    waiting = res;
    resolveCallback(url);
  });
  // Keep-alive connections would hold `close()` open; the browser gets its page and then we are done.
  server.keepAliveTimeout = 1000;

  const timeoutMs = options.timeoutMs ?? LOGIN_TIMEOUT_MS;
  const timer = setTimeout(() => {
    done = true;
    rejectCallback(
      new LoopbackError(
        'TIMEOUT',
        `No answer from the browser within ${Math.round(timeoutMs / 60000)} minutes: run the login again and approve it in the browser.`,
      ),
    );
    void shutdown();
  }, timeoutMs);

  async function shutdown(): Promise<void> {
    clearTimeout(timer);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'EADDRINUSE') {
        reject(
          new LoopbackError(
            'PORT_BUSY',
            `Port ${port} on 127.0.0.1 is busy (another login still running?). Stop that program, or register another redirect URI such as http://localhost:${port + 1}/ and set PINTEREST_REDIRECT_URI to it.`,
          ),
        );
      } else {
        reject(new LoopbackError('LISTEN_FAILED', `Cannot listen on 127.0.0.1:${port}: ${error.message}`));
      }
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve());
  });
  const bound = server.address();
  const address =
    typeof bound === 'object' && bound
      ? { address: bound.address, port: bound.port }
      : { address: '127.0.0.1', port };

  return {
    address,
    callback,
    async finish(page) {
      if (waiting) {
        const res = waiting;
        waiting = undefined;
        await new Promise<void>((resolve) => {
          res.writeHead(page.ok ? 200 : 400, { ...PAGE_HEADERS, connection: 'close' });
          res.end(resultPageHtml(page), () => resolve());
        });
      }
      await shutdown();
    },
    close: shutdown,
  };
}
