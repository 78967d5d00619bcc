import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGES } from '../constants.js';
import { sendError } from '../errors.js';
import type { AccessTokenRecord, MockState } from '../state.js';
import type { BoardJson, BoardRecord, CachedPage, DataStore, PinJson, PinRecord } from '../store.js';
import type { BoardPrivacy, MockEnvironment } from '../types.js';
import { applyRateLimit } from './rate-limit.js';

/** What each API route needs: its scopes and its `x-ratelimit-category` (from openapi-v5.json). */
interface RouteNeeds {
  scopes: string[];
  category: 'org_read' | 'org_write';
  /** Creates, changes or deletes content: Trial apps must use the sandbox for it. */
  write?: boolean;
  /** The spec lists only user OAuth (no `client_credentials`) in the operation's `security`. */
  userTokenOnly?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The access token record of an authenticated API request. */
    mockToken?: AccessTokenRecord;
  }
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 250;
const BOARD_PRIVACY_FILTERS = ['ALL', 'PUBLIC', 'PROTECTED', 'SECRET', 'PUBLIC_AND_SECRET'] as const;
type PrivacyFilter = (typeof BOARD_PRIVACY_FILTERS)[number];

interface ListQuery {
  bookmark?: string;
  page_size?: string;
  privacy?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function encodeBookmark(list: string, offset: number): string {
  return Buffer.from(`${list}|${offset}`).toString('base64url');
}

/** The offset a bookmark points at, or undefined when it is not one this list handed out. */
function decodeBookmark(list: string, bookmark: string): number | undefined {
  const text = Buffer.from(bookmark, 'base64url').toString('utf8');
  const bar = text.lastIndexOf('|');
  if (bar === -1 || text.slice(0, bar) !== list) return undefined;
  const offset = Number(text.slice(bar + 1));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

type Paging = { pageSize: number; offset: number } | { error: string };

function readPaging(list: string, query: ListQuery): Paging {
  let pageSize = DEFAULT_PAGE_SIZE;
  if (query.page_size !== undefined) {
    const value = query.page_size;
    pageSize = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) {
      return {
        error: `Invalid parameter: page_size must be an integer from 1 to ${MAX_PAGE_SIZE} (got "${value}").`,
      };
    }
  }
  let offset = 0;
  if (query.bookmark !== undefined && query.bookmark !== '') {
    const decoded = decodeBookmark(list, query.bookmark);
    if (decoded === undefined) {
      return {
        error: 'Invalid parameter: bookmark is not one this list returned; pass back the last bookmark.',
      };
    }
    offset = decoded;
  }
  return { pageSize, offset };
}

/** Serialises one page of `items` with the bookmark of the next page (`null` on the last). */
function buildPage<T>(list: string, items: T[], offset: number, pageSize: number): CachedPage {
  const end = offset + pageSize;
  const bookmark = end < items.length ? encodeBookmark(list, end) : null;
  return { body: JSON.stringify({ items: items.slice(offset, end), bookmark }) };
}

function boardVisible(privacy: BoardPrivacy, scopes: Set<string>): boolean {
  return privacy !== 'SECRET' || scopes.has('boards:read_secret');
}

function privacyMatches(privacy: BoardPrivacy, filter: PrivacyFilter): boolean {
  if (filter === 'ALL') return true;
  if (filter === 'PUBLIC_AND_SECRET') return privacy === 'PUBLIC' || privacy === 'SECRET';
  return privacy === filter;
}

/**
 * The v5 API subset on one host (production or sandbox): Bearer auth, per-scope checks (401 code 3),
 * per-category rate limits, Trial write rules, bookmark pagination.
 */
export async function apiRoutes(
  app: FastifyInstance,
  opts: { state: MockState; environment: MockEnvironment },
): Promise<void> {
  const { state, environment } = opts;
  const store = (): DataStore => state.stores[environment];

  app.addHook('onRequest', async (request, reply) => {
    const needs = request.routeOptions.config as unknown as RouteNeeds | undefined;
    if (!needs?.scopes) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const record = token ? state.findAccessToken(token) : undefined;
    if (!record || record.environment !== environment) return sendError(reply, 401, 2, MESSAGES.authFailed);
    const subject = `${environment}|${record.appId}|${record.kind === 'client' ? 'client' : record.userId}`;
    if (applyRateLimit(state, reply, subject, needs.category, record.appId)) return reply;
    for (const scope of needs.scopes) {
      if (!record.scopes.has(scope)) return sendError(reply, 401, 3, MESSAGES.missingScope);
    }
    if (needs.userTokenOnly && record.kind === 'client') {
      return sendError(
        reply,
        403,
        29,
        `${MESSAGES.notPermitted} This operation needs a user's OAuth token; client_credentials tokens are not accepted.`,
      );
    }
    if (needs.write && state.options.trial && environment === 'production') {
      return sendError(
        reply,
        403,
        29,
        `${MESSAGES.notPermitted} Apps with Trial access can only create, update or delete boards and Pins in the sandbox: send this request to https://api-sandbox.pinterest.com/v5 (this mock: ${state.baseUrl}/sandbox/v5) with a sandbox token.`,
      );
    }
    request.mockToken = record;
  });

  const tokenOf = (request: FastifyRequest): AccessTokenRecord => request.mockToken as AccessTokenRecord;
  const sendPage = (reply: FastifyReply, page: CachedPage) =>
    reply.header('content-type', JSON_TYPE).send(page.body);

  const needs = (
    scopes: string[],
    category: RouteNeeds['category'],
    write = false,
    userTokenOnly = false,
  ) => ({
    config: { scopes, category, write, userTokenOnly } satisfies RouteNeeds,
  });

  app.get('/v5/user_account', needs(['user_accounts:read'], 'org_read'), async (request, reply) => {
    const { userId } = tokenOf(request);
    const data = store();
    const user = data.users.get(userId)?.seed;
    if (!user) return sendError(reply, 404, 30, 'User not found.');
    return reply.send({
      account_type: user.accountType ?? 'PINNER',
      id: user.id,
      username: user.username,
      profile_image: `${state.baseUrl}/media/avatar/${user.id}.svg`,
      website_url: user.websiteUrl ?? '',
      about: user.about ?? '',
      business_name: user.accountType === 'BUSINESS' ? (user.businessName ?? user.username) : null,
      board_count: data.users.get(userId)?.boardIds.length ?? 0,
      pin_count: data.pinCountOf(userId),
      follower_count: user.followerCount ?? 0,
      following_count: user.followingCount ?? 0,
      monthly_views: user.monthlyViews ?? 0,
    });
  });

  app.get<{ Querystring: ListQuery }>(
    '/v5/boards',
    needs(['boards:read'], 'org_read'),
    async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const filter = (request.query.privacy ?? 'ALL') as PrivacyFilter;
      if (!BOARD_PRIVACY_FILTERS.includes(filter)) {
        return sendError(
          reply,
          400,
          1,
          `Invalid parameter: privacy must be one of ${BOARD_PRIVACY_FILTERS.join(', ')}.`,
        );
      }
      if (filter === 'SECRET' && !scopes.has('boards:read_secret')) {
        return sendError(reply, 401, 3, MESSAGES.missingScope);
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
  );

  /**
   * The caller's own board, or an error already sent: 400 code 1 for a non-numeric id, 404 code 40, 401 code 7
   * for someone else's, 401 code 3 when `permitted` refuses (a secret board without the scope it needs).
   */
  function ownBoard(
    request: FastifyRequest,
    reply: FastifyReply,
    boardId: string,
    permitted: (board: BoardRecord, scopes: Set<string>) => boolean,
  ): BoardRecord | undefined {
    const { userId, scopes } = tokenOf(request);
    if (!/^\d+$/.test(boardId)) {
      sendError(reply, 400, 1, `Invalid parameter: board_id must be a numeric id (got "${boardId}").`);
      return undefined;
    }
    const board = store().boards.get(boardId);
    if (!board) {
      sendError(reply, 404, 40, 'Board not found.');
      return undefined;
    }
    if (board.ownerId !== userId) {
      sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
      return undefined;
    }
    if (!permitted(board, scopes)) {
      sendError(reply, 401, 3, MESSAGES.missingScope);
      return undefined;
    }
    return board;
  }

  /** The caller's own board for a read (a secret one needs `boards:read_secret`), or an error already sent. */
  function readableBoard(request: FastifyRequest, reply: FastifyReply, boardId: string) {
    return ownBoard(request, reply, boardId, (board, scopes) => boardVisible(board.json.privacy, scopes));
  }

  app.get<{ Params: { board_id: string } }>(
    '/v5/boards/:board_id',
    needs(['boards:read'], 'org_read'),
    async (request, reply) => {
      const board = readableBoard(request, reply, request.params.board_id);
      if (!board) return reply;
      return reply.send(board.json);
    },
  );

  app.get<{ Params: { board_id: string }; Querystring: ListQuery }>(
    '/v5/boards/:board_id/pins',
    needs(['boards:read', 'pins:read'], 'org_read'),
    async (request, reply) => {
      const board = readableBoard(request, reply, request.params.board_id);
      if (!board) return reply;
      if (board.json.privacy === 'SECRET' && !tokenOf(request).scopes.has('pins:read_secret')) {
        return sendError(reply, 401, 3, MESSAGES.missingScope);
      }
      const list = `board-pins:${board.json.id}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const data = store();
      const page = data.cachedPage(`${list}|${paging.offset}|${paging.pageSize}`, () => {
        const pins = board.pinIds.map((id) => data.pins.get(id)?.json).filter((pin): pin is PinJson => !!pin);
        return buildPage(list, pins, paging.offset, paging.pageSize);
      });
      return sendPage(reply, page);
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/v5/pins',
    needs(['boards:read', 'pins:read'], 'org_read'),
    async (request, reply) => {
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
  );

  app.get<{ Params: { pin_id: string } }>(
    '/v5/pins/:pin_id',
    needs(['boards:read', 'pins:read'], 'org_read'),
    async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const pinId = request.params.pin_id;
      if (!/^\d+$/.test(pinId)) {
        return sendError(reply, 400, 1, `Invalid parameter: pin_id must be a numeric id (got "${pinId}").`);
      }
      const data = store();
      const pin = data.pins.get(pinId);
      if (!pin) return sendError(reply, 404, 50, 'Pin not found.');
      const board = data.boards.get(pin.json.board_id);
      const secret = board?.json.privacy === 'SECRET';
      if (pin.ownerId !== userId) {
        // Public Pins of other accounts are readable; their secret ones are not.
        if (secret) return sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
        return reply.send({ ...pin.json, is_owner: false });
      }
      if (secret && !(scopes.has('pins:read_secret') && scopes.has('boards:read_secret'))) {
        return sendError(reply, 401, 3, MESSAGES.missingScope);
      }
      return reply.send(pin.json);
    },
  );

  app.post<{ Body: { name: string; description?: string | null; privacy?: BoardPrivacy } }>(
    '/v5/boards',
    {
      ...needs(['boards:read', 'boards:write'], 'org_write', true),
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 180 },
            description: { type: ['string', 'null'], maxLength: 500 },
            privacy: { type: 'string', enum: ['PUBLIC', 'PROTECTED', 'SECRET'] },
            is_ads_only: { type: 'boolean' },
          },
        },
      },
    },
    async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const body = request.body;
      if (body.privacy === 'SECRET' && !scopes.has('boards:write_secret')) {
        return sendError(reply, 401, 3, MESSAGES.missingScope);
      }
      const data = store();
      const name = body.name.trim();
      for (const id of data.users.get(userId)?.boardIds ?? []) {
        if (data.boards.get(id)?.json.name.toLowerCase() === name.toLowerCase()) {
          return sendError(reply, 400, 58, 'You already have a board with this name.');
        }
      }
      const board = data.addBoard(
        userId,
        { name, description: body.description ?? undefined, privacy: body.privacy ?? 'PUBLIC' },
        state.now(),
      );
      return reply.code(201).send(board);
    },
  );

  app.post<{
    Body: {
      board_id: string;
      title?: string | null;
      description?: string | null;
      link?: string | null;
      alt_text?: string | null;
      dominant_color?: string | null;
      media_source: { source_type: string; url?: string; data?: string; content_type?: string };
    };
  }>(
    '/v5/pins',
    {
      ...needs(['boards:read', 'boards:write', 'pins:read', 'pins:write'], 'org_write', true),
      schema: {
        body: {
          type: 'object',
          required: ['board_id', 'media_source'],
          properties: {
            board_id: { type: 'string', pattern: '^\\d+$' },
            board_section_id: { type: ['string', 'null'], pattern: '^\\d+$' },
            title: { type: ['string', 'null'], maxLength: 100 },
            description: { type: ['string', 'null'], maxLength: 800 },
            link: { type: ['string', 'null'], maxLength: 2048 },
            alt_text: { type: ['string', 'null'], maxLength: 500 },
            dominant_color: { type: ['string', 'null'] },
            media_source: {
              type: 'object',
              required: ['source_type'],
              properties: {
                source_type: {
                  type: 'string',
                  enum: ['image_url', 'image_base64'],
                },
                url: { type: 'string', minLength: 1 },
                content_type: { type: 'string', enum: ['image/jpeg', 'image/png'] },
                data: { type: 'string', pattern: '^[a-zA-Z0-9+/=]+$' },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const body = request.body;
      const source = body.media_source;
      if (source.source_type === 'image_url' && !source.url) {
        return sendError(
          reply,
          400,
          1,
          'Invalid parameter: media_source.url is required for source_type image_url.',
        );
      }
      if (source.source_type === 'image_base64' && !(source.data && source.content_type)) {
        return sendError(
          reply,
          400,
          1,
          'Invalid parameter: media_source.content_type and media_source.data are required for source_type image_base64.',
        );
      }
      const data = store();
      const board = data.boards.get(body.board_id);
      if (!board) return sendError(reply, 404, 40, 'Board not found.');
      if (board.ownerId !== userId) return sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
      if (board.json.privacy === 'SECRET' && !scopes.has('pins:write_secret')) {
        return sendError(reply, 401, 3, MESSAGES.missingScope);
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
        },
        state.now(),
      );
      return reply.code(201).send(pin);
    },
  );

  /** The caller's own board for a write (a secret one needs `secretScope`), or an error already sent. */
  function writableBoard(
    request: FastifyRequest,
    reply: FastifyReply,
    boardId: string,
    secretScope: 'boards:write_secret' | 'pins:write_secret',
  ): BoardRecord | undefined {
    return ownBoard(
      request,
      reply,
      boardId,
      (board, scopes) => board.json.privacy !== 'SECRET' || scopes.has(secretScope),
    );
  }

  /**
   * The caller's own Pin for a write, or an error already sent: 400 code 1 for a non-numeric id, 404 code 50,
   * 401 code 7 for someone else's, 401 code 3 for a Pin on a secret board without `pins:write_secret`.
   */
  function writablePin(request: FastifyRequest, reply: FastifyReply, pinId: string): PinRecord | undefined {
    const { userId, scopes } = tokenOf(request);
    if (!/^\d+$/.test(pinId)) {
      sendError(reply, 400, 1, `Invalid parameter: pin_id must be a numeric id (got "${pinId}").`);
      return undefined;
    }
    const data = store();
    const pin = data.pins.get(pinId);
    if (!pin) {
      sendError(reply, 404, 50, 'Pin not found.');
      return undefined;
    }
    if (pin.ownerId !== userId) {
      sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
      return undefined;
    }
    if (data.boards.get(pin.json.board_id)?.json.privacy === 'SECRET' && !scopes.has('pins:write_secret')) {
      sendError(reply, 401, 3, MESSAGES.missingScope);
      return undefined;
    }
    return pin;
  }

  // BoardWithUpdatePrivacyUpdate: only PUBLIC and SECRET can be set through the API.
  app.patch<{
    Params: { board_id: string };
    Body: { name?: string; description?: string | null; privacy?: 'PUBLIC' | 'SECRET' };
  }>(
    '/v5/boards/:board_id',
    {
      ...needs(['boards:read', 'boards:write'], 'org_write', true),
      schema: {
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 180 },
            description: { type: ['string', 'null'], maxLength: 500 },
            privacy: { type: 'string', enum: ['PUBLIC', 'SECRET'] },
          },
        },
      },
    },
    async (request, reply) => {
      const { userId, scopes } = tokenOf(request);
      const body = request.body;
      const board = writableBoard(request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      if (body.privacy === 'SECRET' && !scopes.has('boards:write_secret')) {
        return sendError(reply, 401, 3, MESSAGES.missingScope);
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
      const data = store();
      const name = body.name?.trim();
      if (name !== undefined) {
        if (name === '') return sendError(reply, 400, 1, 'Invalid request body: name must not be blank.');
        for (const id of data.users.get(userId)?.boardIds ?? []) {
          if (id !== board.json.id && data.boards.get(id)?.json.name.toLowerCase() === name.toLowerCase()) {
            return sendError(reply, 400, 58, 'You already have a board with this name.');
          }
        }
      }
      const changes: { name?: string; description?: string | null; privacy?: BoardPrivacy } = {};
      if (name !== undefined) changes.name = name;
      if (body.description !== undefined) changes.description = body.description;
      if (body.privacy !== undefined) changes.privacy = body.privacy;
      return reply.send(data.updateBoard(board.json.id, changes));
    },
  );

  app.delete<{ Params: { board_id: string } }>(
    '/v5/boards/:board_id',
    // The spec's security for boards/delete lists user OAuth only, not client_credentials.
    needs(['boards:read', 'boards:write'], 'org_write', true, true),
    async (request, reply) => {
      const board = writableBoard(request, reply, request.params.board_id, 'boards:write_secret');
      if (!board) return reply;
      store().deleteBoard(board.json.id);
      return reply.code(204).send();
    },
  );

  app.patch<{
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
  }>(
    '/v5/pins/:pin_id',
    {
      ...needs(['boards:read', 'boards:write', 'pins:read', 'pins:write'], 'org_write', true),
      // PinUpdate in openapi-v5.json.
      schema: {
        body: {
          type: 'object',
          properties: {
            alt_text: { type: ['string', 'null'], maxLength: 500 },
            board_id: { type: 'string', pattern: '^\\d+$' },
            board_section_id: { type: ['string', 'null'], pattern: '^\\d+$' },
            carousel_slots: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  description: { type: 'string' },
                  link: { type: 'string' },
                  title: { type: 'string' },
                },
              },
            },
            description: { type: ['string', 'null'], maxLength: 800 },
            link: { type: ['string', 'null'], maxLength: 2048 },
            title: { type: ['string', 'null'], maxLength: 100 },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const pin = writablePin(request, reply, request.params.pin_id);
      if (!pin) return reply;
      if (body.board_section_id !== undefined && body.board_section_id !== null) {
        return sendError(
          reply,
          400,
          1,
          'Invalid parameter: board_section_id — this mock emulates no board sections; leave it out or send null.',
        );
      }
      if (body.carousel_slots !== undefined && body.carousel_slots.length > 0) {
        return sendError(
          reply,
          400,
          1,
          'Invalid parameter: carousel_slots only applies to carousel Pins; this Pin is an image Pin.',
        );
      }
      if (body.board_id !== undefined && body.board_id !== pin.json.board_id) {
        const target = writableBoard(request, reply, body.board_id, 'pins:write_secret');
        if (!target) return reply;
      }
      const changes: Parameters<DataStore['updatePin']>[1] = {};
      if (body.title !== undefined) changes.title = body.title;
      if (body.description !== undefined) changes.description = body.description;
      if (body.link !== undefined) changes.link = body.link;
      if (body.alt_text !== undefined) changes.altText = body.alt_text;
      if (body.board_id !== undefined) changes.boardId = body.board_id;
      return reply.send(store().updatePin(pin.json.id, changes, state.now()));
    },
  );

  app.delete<{ Params: { pin_id: string } }>(
    '/v5/pins/:pin_id',
    needs(['boards:read', 'boards:write', 'pins:read', 'pins:write'], 'org_write', true),
    async (request, reply) => {
      const pin = writablePin(request, reply, request.params.pin_id);
      if (!pin) return reply;
      store().deletePin(pin.json.id, state.now());
      return reply.code(204).send();
    },
  );
}
