/**
 * Production: the built SPA (dist/) with a strict Content-Security-Policy, immutable caching for hashed assets,
 * and index.html for every client-side route (/boards/123, /analytics).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { pathOnly } from '../logging.js';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Pinterest images come from its CDN (https); the local mock serves its own over http on loopback; the New
  // Pin dialog previews a picked file as a blob: URL.
  "img-src 'self' data: blob: https: http://127.0.0.1:* http://localhost:*",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const spaSite: FastifyPluginAsync<{ staticDir: string }> = async (app, { staticDir }) => {
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir} has no index.html: run \`npm run build\` first.`);
  }
  await app.register(fastifyStatic, {
    root: staticDir,
    index: false,
    wildcard: true,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .sendFile('index.html');
  app.get('/', (_request, reply) => sendIndex(reply));
  // Client-side routes get index.html too; unknown /api and /auth paths and files stay 404s.
  app.setNotFoundHandler((request, reply) => {
    const path = pathOnly(request.url);
    if (
      request.method !== 'GET' ||
      path.startsWith('/api/') ||
      path.startsWith('/auth/') ||
      /\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${path}.` });
    }
    return sendIndex(reply);
  });
};

export default spaSite;
