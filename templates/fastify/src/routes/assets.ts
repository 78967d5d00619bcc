/**
 * The app's two static files, read once at start: the stylesheet and the favicon (also answered at
 * `/favicon.ico`, which browsers ask for on their own).
 */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

const STYLESHEET = readFileSync(new URL('../views/style.css', import.meta.url), 'utf8');
const FAVICON = readFileSync(new URL('../views/favicon.svg', import.meta.url), 'utf8');
const CACHE = 'public, max-age=3600';

const assetsPlugin: FastifyPluginAsync = async (app) => {
  app.get('/assets/style.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', CACHE).send(STYLESHEET),
  );
  for (const path of ['/assets/favicon.svg', '/favicon.ico']) {
    app.get(path, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', CACHE).send(FAVICON),
    );
  }
};

export default assetsPlugin;
