/**
 * A tiny static file server for the built site: `/x/` → dist/x/index.html, files by path, anything else →
 * dist/404.html with status 404. Listens on 127.0.0.1 and an ephemeral port.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  /** Every path requested, with its status (for "no broken requests" checks). */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Resolves a URL path to a file inside `root`, or undefined (never outside `root`). */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const candidate = normalize(join(root, path));
  if (!candidate.startsWith(resolve(root))) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  if (path.endsWith('/') && existsSync(index)) return index;
  return undefined;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const urlPath = request.url ?? '/';
    const file = fileFor(root, urlPath);
    // `/x` without its slash: redirect, like common static hosts do.
    if (!file && !urlPath.endsWith('/') && fileFor(root, `${urlPath}/`)) {
      requests.push({ path: urlPath, status: 301 });
      response.writeHead(301, { location: `${urlPath}/` }).end();
      return;
    }
    const status = file ? 200 : 404;
    requests.push({ path: urlPath, status });
    const served = file ?? join(root, '404.html');
    response.writeHead(status, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' });
    createReadStream(served).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
