/**
 * Search and terms from the seed: the caller's boards and Pins whose text contains the query, and related
 * or suggested terms drawn from the words of every board name and Pin title.
 */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';
import type { BoardJson, DataStore, PinJson } from '../store.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';
import { boardVisible } from './board-access.js';
import { buildPage, type ListQuery, readPaging, sendPage } from './paging.js';

function contains(text: string | null | undefined, query: string): boolean {
  return (text ?? '').toLowerCase().includes(query);
}

/** Lower-case words (3+ letters) of board names and Pin titles, each with the titles it appears in. */
function vocabulary(store: DataStore): Map<string, Set<string>> {
  const words = new Map<string, Set<string>>();
  const add = (title: string | null) => {
    const list = (title ?? '').toLowerCase().match(/[a-z]{3,}/g) ?? [];
    for (const word of list) {
      const neighbours = words.get(word) ?? new Set<string>();
      for (const other of list) if (other !== word) neighbours.add(other);
      words.set(word, neighbours);
    }
  };
  for (const board of store.boards.values()) add(board.json.name);
  for (const pin of store.pins.values()) add(pin.json.title);
  return words;
}

export async function searchRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  app.route<{ Querystring: ListQuery & { query?: string } }>({
    ...operationRoute('search_user_boards/get'),
    handler: async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const query = (request.query.query ?? '').toLowerCase();
      const list = `search-boards:${userId}:${query}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const data = storeOf(context);
      const boards: BoardJson[] = [];
      for (const id of data.users.get(userId)?.boardIds ?? []) {
        const board = data.boards.get(id)?.json;
        if (
          board &&
          boardVisible(board.privacy, scopes) &&
          (contains(board.name, query) || contains(board.description, query))
        )
          boards.push(board);
      }
      return sendPage(reply, buildPage(list, boards, paging.offset, paging.pageSize));
    },
  });

  app.route<{ Querystring: ListQuery & { query: string } }>({
    ...operationRoute('search_user_pins/list'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const query = request.query.query.toLowerCase();
      const list = `search-pins:${userId}:${query}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const data = storeOf(context);
      const pins: PinJson[] = [];
      for (const boardId of data.users.get(userId)?.boardIds ?? []) {
        for (const pinId of data.boards.get(boardId)?.pinIds ?? []) {
          const pin = data.pins.get(pinId)?.json;
          if (
            pin &&
            (contains(pin.title, query) || contains(pin.description, query) || contains(pin.alt_text, query))
          )
            pins.push(pin);
        }
      }
      return sendPage(reply, buildPage(list, pins, paging.offset, paging.pageSize));
    },
  });

  app.route<{ Querystring: { terms: string[] } }>({
    ...operationRoute('terms_related/list'),
    handler: async (request, reply) => {
      const words = vocabulary(storeOf(context));
      const related = request.query.terms.map((term) => ({
        term,
        related_terms: [...(words.get(term.toLowerCase()) ?? [])].sort().slice(0, 10),
      }));
      return reply.send({
        id: request.query.terms.join(','),
        related_term_count: related.reduce((sum, entry) => sum + entry.related_terms.length, 0),
        related_terms_list: related,
      });
    },
  });

  app.route<{ Querystring: { term: string; limit?: number } }>({
    ...operationRoute('terms_suggested/list'),
    handler: async (request, reply) => {
      const prefix = request.query.term.toLowerCase();
      const suggestions = [...vocabulary(storeOf(context)).keys()]
        .filter((word) => word.startsWith(prefix) && word !== prefix)
        .sort()
        .slice(0, request.query.limit ?? 4);
      return reply.send(suggestions);
    },
  });
}
