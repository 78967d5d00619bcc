/** Boards and board sections: list, get, create, update, delete; the Pins of a board or a section. */
import type { FastifyInstance } from 'fastify';
import { MESSAGES } from '../constants.js';
import { sendError } from '../errors.js';
import type { BoardJson, DataStore, PinJson } from '../store.js';
import type { BoardPrivacy } from '../types.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';
import { boardVisible, readableBoard, sectionOf, writableBoard } from './board-access.js';
import { buildPage, type ListQuery, readPaging, sendPage } from './paging.js';

type PrivacyFilter = 'ALL' | 'PUBLIC' | 'PROTECTED' | 'SECRET' | 'PUBLIC_AND_SECRET';

function privacyMatches(privacy: BoardPrivacy, filter: PrivacyFilter): boolean {
  if (filter === 'ALL') return true;
  if (filter === 'PUBLIC_AND_SECRET') return privacy === 'PUBLIC' || privacy === 'SECRET';
  return privacy === filter;
}

/** Whether `name` is taken by another board of the same account (Pinterest compares without case). */
function nameTaken(store: DataStore, userId: string, name: string, except?: string): boolean {
  for (const id of store.users.get(userId)?.boardIds ?? []) {
    if (id !== except && store.boards.get(id)?.json.name.toLowerCase() === name.toLowerCase()) return true;
  }
  return false;
}

export async function boardRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const store = () => storeOf(context);
  const { state } = context;

  app.route<{ Querystring: ListQuery & { privacy?: PrivacyFilter } }>({
    ...operationRoute('boards/list'),
    handler: async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const filter = request.query.privacy ?? 'ALL';
      if (filter === 'SECRET' && !scopes.has('boards:read_secret')) {
        return sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: boards:read_secret.`);
      }
      const secret = scopes.has('boards:read_secret');
      const list = `boards:${userId}:${filter}:${secret ? 's' : 'p'}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const data = store();
      const page = data.cachedPage(`${list}|${paging.offset}|${paging.pageSize}`, () => {
        const boards: BoardJson[] = [];
        for (const id of data.users.get(userId)?.boardIds ?? []) {
          const board = data.boards.get(id)?.json;
          if (board && boardVisible(board.privacy, scopes) && privacyMatches(board.privacy, filter))
            boards.push(board);
        }
        return buildPage(list, boards, paging.offset, paging.pageSize);
      });
      return sendPage(reply, page);
    },
  });

  app.route<{ Params: { board_id: string } }>({
    ...operationRoute('boards/get'),
    handler: async (request, reply) => {
      const board = readableBoard(store(), request, reply, request.params.board_id);
      if (!board) return reply;
      return reply.send(board.json);
    },
  });

  app.route<{ Params: { board_id: string }; Querystring: ListQuery }>({
    ...operationRoute('boards/list_pins'),
    handler: async (request, reply) => {
      const data = store();
      const board = readableBoard(data, request, reply, request.params.board_id);
      if (!board) return reply;
      if (board.json.privacy === 'SECRET' && !tokenOf(request).scopes.has('pins:read_secret')) {
        return sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: pins:read_secret.`);
      }
      const list = `board-pins:${board.json.id}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const page = data.cachedPage(`${list}|${paging.offset}|${paging.pageSize}`, () => {
        const pins = board.pinIds.map((id) => data.pins.get(id)?.json).filter((pin): pin is PinJson => !!pin);
        return buildPage(list, pins, paging.offset, paging.pageSize);
      });
      return sendPage(reply, page);
    },
  });

  app.route<{ Body: { name: string; description?: string | null; privacy?: BoardPrivacy } }>({
    ...operationRoute('boards/create'),
    handler: async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const body = request.body;
      if (body.privacy === 'SECRET' && !scopes.has('boards:write_secret')) {
        return sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: boards:write_secret.`);
      }
      const data = store();
      const name = body.name.trim();
      if (name === '') return sendError(reply, 400, 1, 'Invalid request body: name must not be blank.');
      if (nameTaken(data, userId, name))
        return sendError(reply, 400, 58, 'You already have a board with this name.');
      const board = data.addBoard(
        userId,
        { name, description: body.description ?? undefined, privacy: body.privacy ?? 'PUBLIC' },
        state.now(),
      );
      return reply.code(201).send(board);
    },
  });

  // BoardUpdate: only PUBLIC and SECRET can be set through the API.
  app.route<{
    Params: { board_id: string };
    Body: { name?: string; description?: string | null; privacy?: 'PUBLIC' | 'SECRET' };
  }>({
    ...operationRoute('boards/update'),
    handler: async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const body = request.body;
      const data = store();
      const board = writableBoard(data, request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      if (body.privacy === 'SECRET' && !scopes.has('boards:write_secret')) {
        return sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: boards:write_secret.`);
      }
      if (board.json.privacy === 'PROTECTED') {
        // The update's response schema has no PROTECTED: protected (ad-only) boards are not edited here.
        return sendError(
          reply,
          403,
          29,
          `${MESSAGES.notPermitted} Protected boards cannot be updated through the API.`,
        );
      }
      // The update schema leaves out the lengths create enforces; Pinterest applies them to both.
      if ((body.name?.length ?? 0) > 180 || (body.description?.length ?? 0) > 500) {
        return sendError(
          reply,
          400,
          1,
          'Invalid request body: name is at most 180 characters, description at most 500.',
        );
      }
      const name = body.name?.trim();
      if (name !== undefined) {
        if (name === '') return sendError(reply, 400, 1, 'Invalid request body: name must not be blank.');
        if (nameTaken(data, userId, name, board.json.id)) {
          return sendError(reply, 400, 58, 'You already have a board with this name.');
        }
      }
      const changes: { name?: string; description?: string | null; privacy?: BoardPrivacy } = {};
      if (name !== undefined) changes.name = name;
      if (body.description !== undefined) changes.description = body.description;
      if (body.privacy !== undefined) changes.privacy = body.privacy;
      return reply.send(data.updateBoard(board.json.id, changes));
    },
  });

  app.route<{ Params: { board_id: string } }>({
    ...operationRoute('boards/delete'),
    handler: async (request, reply) => {
      const data = store();
      const board = writableBoard(data, request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      data.deleteBoard(board.json.id);
      return reply.code(204).send();
    },
  });

  app.route<{ Params: { board_id: string }; Querystring: ListQuery }>({
    ...operationRoute('board_sections/list'),
    handler: async (request, reply) => {
      const data = store();
      const board = readableBoard(data, request, reply, request.params.board_id);
      if (!board) return reply;
      const list = `sections:${board.json.id}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const sections = board.sectionIds
        .map((id) => data.sections.get(id)?.json)
        .filter((s) => s !== undefined);
      return sendPage(reply, buildPage(list, sections, paging.offset, paging.pageSize));
    },
  });

  app.route<{ Params: { board_id: string }; Body: { name: string } }>({
    ...operationRoute('board_sections/create'),
    handler: async (request, reply) => {
      const data = store();
      const board = writableBoard(data, request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      const name = request.body.name.trim();
      if (name === '') return sendError(reply, 400, 1, 'Invalid request body: name must not be blank.');
      for (const id of board.sectionIds) {
        if (data.sections.get(id)?.json.name.toLowerCase() === name.toLowerCase()) {
          return sendError(reply, 409, 1, 'This board already has a section with this name.');
        }
      }
      return reply.code(201).send(data.addSection(board.json.id, name));
    },
  });

  app.route<{ Params: { board_id: string; section_id: string }; Body: { name: string } }>({
    ...operationRoute('board_sections/update'),
    handler: async (request, reply) => {
      const data = store();
      const board = writableBoard(data, request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      const section = sectionOf(data, reply, board, request.params.section_id);
      if (!section) return reply;
      const name = request.body.name.trim();
      if (name === '') return sendError(reply, 400, 1, 'Invalid request body: name must not be blank.');
      return reply.send(data.renameSection(section.json.id, name));
    },
  });

  app.route<{ Params: { board_id: string; section_id: string } }>({
    ...operationRoute('board_sections/delete'),
    handler: async (request, reply) => {
      const data = store();
      const board = writableBoard(data, request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      const section = sectionOf(data, reply, board, request.params.section_id);
      if (!section) return reply;
      data.deleteSection(section.json.id, state.now());
      return reply.code(204).send();
    },
  });

  app.route<{ Params: { board_id: string; section_id: string }; Querystring: ListQuery }>({
    ...operationRoute('board_sections/list_pins'),
    handler: async (request, reply) => {
      const data = store();
      const board = readableBoard(data, request, reply, request.params.board_id);
      if (!board) return reply;
      const section = sectionOf(data, reply, board, request.params.section_id);
      if (!section) return reply;
      const list = `section-pins:${section.json.id}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const pins = board.pinIds
        .map((id) => data.pins.get(id)?.json)
        .filter((pin): pin is PinJson => pin?.board_section_id === section.json.id);
      return sendPage(reply, buildPage(list, pins, paging.offset, paging.pageSize));
    },
  });
}
