/**
 * HTML responses: `reply.page(fn)` renders a page with the header context of the current request (signed-in
 * user, environment badge), `reply.problem(p)` a friendly error page. Also sets the security headers every
 * HTML page gets.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { SafeHtml } from '../views/html.js';
import { type Environment, type PageContext, type Problem, problemPage } from '../views/pages.js';
import { signedIn } from './session.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Sends an HTML page built from the request's header context. */
    page(build: (ctx: PageContext) => SafeHtml): FastifyReply;
    /** Sends a friendly error page with `problem.status`. */
    problem(problem: Problem): FastifyReply;
  }
}

// Pages load nothing but our stylesheet and images (avatars, Pins) from https; no script at all.
const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  'img-src https: http: data:',
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const renderPlugin: FastifyPluginAsync<{ environment: Environment }> = async (app, { environment }) => {
  function context(reply: FastifyReply): PageContext {
    const user = signedIn(reply.request);
    return {
      environment,
      // A fresh token per page from the session's CSRF secret (@fastify/csrf-protection).
      ...(user ? { user: { username: user.username, csrfToken: reply.generateCsrf() } } : {}),
    };
  }

  app.decorateReply('page', function (this: FastifyReply, build: (ctx: PageContext) => SafeHtml) {
    const body = build(context(this)).value;
    // Pages of a signed-in user hold private data: never store them in a shared or back/forward cache.
    if (signedIn(this.request)) this.header('cache-control', 'no-store');
    return this.type('text/html; charset=utf-8').send(body);
  });

  app.decorateReply('problem', function (this: FastifyReply, problem: Problem) {
    return this.code(problem.status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(problemPage(context(this), problem).value);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
      if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    }
    return payload;
  });
};

export default fp(renderPlugin, { name: 'app-render' });
