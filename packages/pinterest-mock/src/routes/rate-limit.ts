import type { FastifyReply } from 'fastify';
import { MESSAGES } from '../constants.js';
import { sendError } from '../errors.js';
import type { MockWorld, RateDecision } from '../world.js';

function setHeaders(reply: FastifyReply, decision: RateDecision): void {
  reply.header(
    'x-ratelimit-limit',
    `${decision.limit}, ${decision.limit};w=${decision.windowSeconds};name="${decision.category}"`,
  );
  reply.header('x-ratelimit-remaining', String(decision.remaining));
  // Seconds until the window resets, not an epoch (as Pinterest sends it).
  reply.header('x-ratelimit-reset', String(decision.resetSeconds));
}

/**
 * Counts the request against its `x-ratelimit-category` (and the Trial app's daily quota), sets the
 * X-RateLimit-* headers, and answers 429 code 8 when over. Returns true when it answered.
 */
export function applyRateLimit(
  state: MockWorld,
  reply: FastifyReply,
  subject: string,
  category: string,
  appId: string,
): boolean {
  const decision = state.countRequest(subject, category);
  const daily = state.countTrialDaily(appId);
  const shown = daily?.exceeded ? daily : decision;
  if (shown) setHeaders(reply, shown);
  if (decision?.exceeded || daily?.exceeded) {
    sendError(reply, 429, 8, MESSAGES.rateLimited);
    return true;
  }
  return false;
}
