/**
 * Pins: list, get, create (from `image_url`, `image_base64`, `multiple_image_urls`, `multiple_image_base64`,
 * `pin_url` or an uploaded `video_id`, into a board and optionally a section), update, delete, save to a board.
 */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';
import type { DataStore, PinJson, PinMediaPlan } from '../store.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';
import { readablePin, sectionOf, writableBoard, writablePin } from './board-access.js';
import { buildPage, type ListQuery, readPaging, sendPage } from './paging.js';

interface Slide {
  url?: string;
  data?: string;
  content_type?: string;
  title?: string;
  description?: string;
  link?: string;
}

type MediaSource =
  | { source_type: 'image_url'; url: string }
  | { source_type: 'image_base64'; content_type: string; data: string }
  | { source_type: 'multiple_image_urls' | 'multiple_image_base64'; items: Slide[] }
  | { source_type: 'video_id'; media_id: string; cover_image_url?: string; cover_image_data?: string }
  | { source_type: 'pin_url' };

interface PinCreateBody {
  board_id?: string;
  board_section_id?: string | null;
  title?: string | null;
  description?: string | null;
  link?: string | null;
  alt_text?: string | null;
  dominant_color?: string | null;
  media_source?: MediaSource;
}

/** Pinterest rejects a base64 image it cannot decode; the mock checks the data is real base64 of some bytes. */
function decodesAsImage(data: string): boolean {
  return data.length >= 4 && Buffer.from(data, 'base64').length > 0;
}

export async function pinRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { state } = context;
  const store = (): DataStore => storeOf(context);

  app.route<{ Querystring: ListQuery }>({
    ...operationRoute('pins/list'),
    handler: async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const secret = scopes.has('boards:read_secret') && scopes.has('pins:read_secret');
      const list = `pins:${userId}:${secret ? 's' : 'p'}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const data = store();
      const page = data.cachedPage(`${list}|${paging.offset}|${paging.pageSize}`, () => {
        const pins: PinJson[] = [];
        for (const boardId of data.users.get(userId)?.boardIds ?? []) {
          const board = data.boards.get(boardId);
          if (!board || (board.json.privacy === 'SECRET' && !secret)) continue;
          for (const pinId of board.pinIds) {
            const pin = data.pins.get(pinId)?.json;
            if (pin) pins.push(pin);
          }
        }
        // Newest first across boards, like the Pinterest profile's "Created" tab.
        pins.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
        return buildPage(list, pins, paging.offset, paging.pageSize);
      });
      return sendPage(reply, page);
    },
  });

  app.route<{ Params: { pin_id: string } }>({
    ...operationRoute('pins/get'),
    handler: async (request, reply) => {
      const pin = readablePin(store(), request, reply, request.params.pin_id);
      if (!pin) return reply;
      if (pin.ownerId !== tokenOf(request).userId) return reply.send({ ...pin.json, is_owner: false });
      return reply.send(pin.json);
    },
  });

  app.route<{ Body: PinCreateBody }>({
    ...operationRoute('pins/create'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const body = request.body;
      const source = body.media_source;
      // PinCreate lists no required field; Pinterest needs these two.
      if (!body.board_id) return sendError(reply, 400, 1, 'Invalid request body: board_id is required.');
      if (!source) return sendError(reply, 400, 1, 'Invalid request body: media_source is required.');
      let plan: PinMediaPlan = { kind: 'image' };
      if (source.source_type === 'image_base64' && !decodesAsImage(source.data)) {
        return sendError(
          reply,
          400,
          1,
          'Invalid request body: media_source.data is not a base64-encoded image.',
        );
      }
      if (source.source_type === 'multiple_image_urls' || source.source_type === 'multiple_image_base64') {
        const field = source.source_type === 'multiple_image_urls' ? 'url' : 'data';
        const bad = source.items.findIndex((item) => !item[field]);
        if (bad !== -1) {
          return sendError(
            reply,
            400,
            1,
            `Invalid request body: media_source.items.${bad}.${field} is required.`,
          );
        }
        plan = { kind: 'carousel', slides: source.items };
      }
      if (source.source_type === 'video_id') {
        const media = store().media.records.get(source.media_id);
        if (!media || media.ownerId !== userId) {
          return sendError(
            reply,
            400,
            1,
            `Invalid request body: media_source.media_id ${source.media_id} is not a media upload of yours; register one with POST /v5/media.`,
          );
        }
        const status = store().media.statusOf(media, state.now());
        if (status !== 'succeeded') {
          return sendError(
            reply,
            400,
            1,
            `Invalid request body: media ${source.media_id} is ${status}; wait until GET /v5/media/${source.media_id} says succeeded.`,
          );
        }
        plan = { kind: 'video', durationSeconds: 12.5 };
      }
      const data = store();
      const board = writableBoard(data, request, reply, body.board_id, 'pins:write_secret');
      if (!board) return reply;
      if (body.board_section_id) {
        if (!sectionOf(data, reply, board, body.board_section_id)) return reply;
      }
      const pin = data.addPin(
        userId,
        board.json.id,
        {
          title: body.title ?? undefined,
          description: body.description ?? undefined,
          link: body.link ?? undefined,
          altText: body.alt_text ?? undefined,
          dominantColor: body.dominant_color ?? undefined,
          sectionId: body.board_section_id ?? undefined,
        },
        state.now(),
        'first',
        plan,
      );
      return reply.code(201).send(pin);
    },
  });

  app.route<{
    Params: { pin_id: string };
    Body: {
      title?: string | null;
      description?: string | null;
      link?: string | null;
      alt_text?: string | null;
      board_id?: string;
      board_section_id?: string | null;
      carousel_slots?: unknown[];
    };
  }>({
    ...operationRoute('pins/update'),
    handler: async (request, reply) => {
      const body = request.body;
      const data = store();
      const pin = writablePin(data, request, reply, request.params.pin_id);
      if (!pin) return reply;
      if (
        body.carousel_slots !== undefined &&
        body.carousel_slots.length > 0 &&
        pin.json.media.media_type !== 'multiple_images'
      ) {
        return sendError(
          reply,
          400,
          1,
          'Invalid parameter: carousel_slots only applies to carousel Pins; this Pin is not one.',
        );
      }
      const targetId = body.board_id ?? pin.json.board_id;
      const target =
        targetId === pin.json.board_id
          ? data.boards.get(targetId)
          : writableBoard(data, request, reply, targetId, 'pins:write_secret');
      if (!target) return reply;
      if (body.board_section_id) {
        if (!sectionOf(data, reply, target, body.board_section_id)) return reply;
      }
      const changes: Parameters<DataStore['updatePin']>[1] = {};
      if (body.title !== undefined) changes.title = body.title;
      if (body.description !== undefined) changes.description = body.description;
      if (body.link !== undefined) changes.link = body.link;
      if (body.alt_text !== undefined) changes.altText = body.alt_text;
      if (body.board_id !== undefined) changes.boardId = body.board_id;
      if (body.board_section_id !== undefined) changes.sectionId = body.board_section_id;
      return reply.send(data.updatePin(pin.json.id, changes, state.now()));
    },
  });

  app.route<{ Params: { pin_id: string } }>({
    ...operationRoute('pins/delete'),
    handler: async (request, reply) => {
      const data = store();
      const pin = writablePin(data, request, reply, request.params.pin_id);
      if (!pin) return reply;
      data.deletePin(pin.json.id, state.now());
      return reply.code(204).send();
    },
  });

  app.route<{
    Params: { pin_id: string };
    Body: { board_id?: string | null; board_section_id?: string | null };
  }>({
    ...operationRoute('pins/save'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const data = store();
      const original = readablePin(data, request, reply, request.params.pin_id);
      if (!original) return reply;
      const boardId = request.body.board_id;
      if (!boardId) {
        return sendError(reply, 400, 1, 'Invalid request body: board_id is required to save a Pin.');
      }
      const board = writableBoard(data, request, reply, boardId, 'pins:write_secret');
      if (!board) return reply;
      const sectionId = request.body.board_section_id ?? undefined;
      if (sectionId && !sectionOf(data, reply, board, sectionId)) return reply;
      const source = original.json;
      const plan: PinMediaPlan =
        source.media.media_type === 'video'
          ? { kind: 'video', durationSeconds: source.media.duration }
          : source.media.media_type === 'multiple_images'
            ? {
                kind: 'carousel',
                slides: source.media.items.map((item) => ({ title: item.title ?? undefined })),
              }
            : { kind: 'image' };
      const saved = data.addPin(
        userId,
        board.json.id,
        {
          title: source.title ?? undefined,
          description: source.description ?? undefined,
          link: source.link ?? undefined,
          altText: source.alt_text ?? undefined,
          dominantColor: source.dominant_color ?? undefined,
          sectionId,
        },
        state.now(),
        'first',
        plan,
      );
      saved.parent_pin_id = source.id;
      return reply.code(201).send(saved);
    },
  });
}
