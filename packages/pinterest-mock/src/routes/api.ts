/**
 * API v5 on one host (production or sandbox): the one guard (auth, scopes, rate limits, request checks
 * against the spec) in front of one plugin per resource, then the spec's answers for every other operation.
 */
import type { FastifyInstance } from 'fastify';
import { adsRoutes } from './ads.js';
import { analyticsRoutes } from './analytics.js';
import { type ApiContext, addApiGuard } from './api-guard.js';
import { boardRoutes } from './boards.js';
import { mediaRoutes } from './media.js';
import { pinRoutes } from './pins.js';
import { reportRoutes } from './reports.js';
import { searchRoutes } from './search.js';
import { specAnswerRoutes } from './spec-answers.js';
import { userAccountRoutes } from './user-account.js';

export async function apiRoutes(app: FastifyInstance, opts: ApiContext): Promise<void> {
  // Not `opts` itself: it carries this plugin's `prefix`, which the children must not apply again.
  const context: ApiContext = { state: opts.state, environment: opts.environment };
  addApiGuard(app, context);
  await app.register(userAccountRoutes, context);
  await app.register(boardRoutes, context);
  await app.register(pinRoutes, context);
  await app.register(mediaRoutes, context);
  await app.register(analyticsRoutes, context);
  await app.register(adsRoutes, context);
  await app.register(reportRoutes, context);
  await app.register(searchRoutes, context);
  await app.register(specAnswerRoutes, context);
}
