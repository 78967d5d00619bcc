/**
 * Media uploads: `POST /v5/media` registers a video and hands out an upload URL on the mock itself with
 * signed `upload_parameters`; `GET /v5/media[/{media_id}]` report `registered` → `processing` → `succeeded`
 * (or `failed`) on the mock clock.
 */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';
import type { MediaRecord } from '../media-uploads.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';
import { buildPage, type ListQuery, readPaging, sendPage } from './paging.js';

/** The path of the upload URL (the storage host of Pinterest, played by the mock). */
export function uploadPath(environment: string, mediaId: string): string {
  return `/_uploads/${environment}/${mediaId}`;
}

export async function mediaRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { state, environment } = context;
  const uploads = () => storeOf(context).media;
  const view = (record: MediaRecord) => ({
    media_id: record.id,
    media_type: 'video',
    status: uploads().statusOf(record, state.now()),
  });

  app.route({
    ...operationRoute('media/create'),
    handler: async (request, reply) => {
      const record = uploads().register(tokenOf(request).userId, state.now());
      return reply.code(201).send({
        media_id: record.id,
        media_type: 'video',
        upload_url: `${state.baseUrl}${uploadPath(environment, record.id)}`,
        upload_parameters: record.parameters,
      });
    },
  });

  app.route<{ Params: { media_id: string } }>({
    ...operationRoute('media/get'),
    handler: async (request, reply) => {
      const record = uploads().records.get(request.params.media_id);
      if (!record || record.ownerId !== tokenOf(request).userId) {
        return sendError(reply, 404, 404, 'Media upload not found.');
      }
      return reply.send(view(record));
    },
  });

  app.route<{ Querystring: ListQuery }>({
    ...operationRoute('media/list'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const list = `media:${userId}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const mine = [...uploads().records.values()]
        .filter((r) => r.ownerId === userId)
        .reverse()
        .map(view);
      return sendPage(reply, buildPage(list, mine, paging.offset, paging.pageSize));
    },
  });
}
