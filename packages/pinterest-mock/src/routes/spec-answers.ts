/**
 * Every operation no other plugin serves: guarded and validated like the rest, answered with the spec's
 * documented success status and a deterministic schema-valid body (the spec's examples, else generated from
 * its schema), marked `x-pinterest-mock-source: spec` so no one mistakes it for state.
 */
import type { FastifyInstance } from 'fastify';
import { OPERATIONS, type Operation } from '../spec/operations.js';
import { type ApiContext, operationRoute } from './api-guard.js';

/** Header on answers that come from the spec rather than the mock's state. */
export const SPEC_SOURCE_HEADER = 'x-pinterest-mock-source';

const serialised = new WeakMap<Operation, string>();

function answerText(operation: Operation): string {
  let text = serialised.get(operation);
  if (text === undefined) {
    text = JSON.stringify(operation.answer ?? {});
    serialised.set(operation, text);
  }
  return text;
}

export async function specAnswerRoutes(app: FastifyInstance, _context: ApiContext): Promise<void> {
  for (const operation of OPERATIONS) {
    // Registered last: the stateful plugins and the token endpoint already own their operations.
    if (app.hasRoute({ method: operation.method, url: operation.path })) continue;
    app.route({
      ...operationRoute(operation.id),
      handler: async (_request, reply) => {
        reply.code(operation.status).header(SPEC_SOURCE_HEADER, 'spec');
        if (operation.answer === undefined) return reply.send();
        return reply.header('content-type', 'application/json; charset=utf-8').send(answerText(operation));
      },
    });
  }
}
