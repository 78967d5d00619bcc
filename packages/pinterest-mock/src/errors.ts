import type { FastifyReply } from 'fastify';

/** Pinterest's error body: `{code, message}` (not RFC 6749's `{error}`). */
export interface PinterestErrorBody {
  code: number;
  message: string;
}

/** Sends a Pinterest error; returns the reply so handlers can `return sendError(…)`. */
export function sendError(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).send({ code, message } satisfies PinterestErrorBody);
}

/** A default Pinterest error body for a status, used by injected faults without a body. */
export function defaultErrorBody(status: number): PinterestErrorBody {
  if (status === 401) return { code: 2, message: 'Authentication failed.' };
  if (status === 403) return { code: 29, message: 'You are not permitted to access that resource.' };
  if (status === 404) return { code: 404, message: 'Not found.' };
  if (status === 429) return { code: 8, message: 'You have exceeded your rate limit. Try again later.' };
  if (status >= 500) return { code: status, message: 'Something went wrong on our end. Sorry about that.' };
  return { code: 1, message: 'Invalid parameters.' };
}
