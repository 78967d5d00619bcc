/**
 * Who may read or write a board or Pin: one ownership check (404 code 40/50, 401 code 7 for someone else's)
 * and the secret-board scopes (401 code 3). Each helper sends the error itself and returns undefined.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGES } from '../constants.js';
import { sendError } from '../errors.js';
import type { BoardRecord, DataStore, PinRecord, SectionRecord } from '../store.js';
import type { BoardPrivacy } from '../types.js';
import { tokenOf } from './api-guard.js';

export function boardVisible(privacy: BoardPrivacy, scopes: Set<string>): boolean {
  return privacy !== 'SECRET' || scopes.has('boards:read_secret');
}

function ownBoard(
  store: DataStore,
  request: FastifyRequest,
  reply: FastifyReply,
  boardId: string,
  permitted: (board: BoardRecord, scopes: Set<string>) => boolean,
): BoardRecord | undefined {
  const { userId, scopes } = tokenOf(request);
  const board = store.boards.get(boardId);
  if (!board) {
    sendError(reply, 404, 40, 'Board not found.');
    return undefined;
  }
  if (board.ownerId !== userId) {
    sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
    return undefined;
  }
  if (!permitted(board, scopes)) {
    sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: the secret-board scope for this board.`);
    return undefined;
  }
  return board;
}

/** The caller's own board for a read (a secret one needs `boards:read_secret`). */
export function readableBoard(
  store: DataStore,
  request: FastifyRequest,
  reply: FastifyReply,
  boardId: string,
) {
  return ownBoard(store, request, reply, boardId, (board, scopes) =>
    boardVisible(board.json.privacy, scopes),
  );
}

/** The caller's own board for a write (a secret one needs `secretScope`). */
export function writableBoard(
  store: DataStore,
  request: FastifyRequest,
  reply: FastifyReply,
  boardId: string,
  secretScope: 'boards:write_secret' | 'pins:write_secret',
): BoardRecord | undefined {
  return ownBoard(
    store,
    request,
    reply,
    boardId,
    (board, scopes) => board.json.privacy !== 'SECRET' || scopes.has(secretScope),
  );
}

/** A section of `board` (404 code 40 otherwise, as Pinterest answers for a section on another board). */
export function sectionOf(
  store: DataStore,
  reply: FastifyReply,
  board: BoardRecord,
  sectionId: string,
): SectionRecord | undefined {
  const section = store.sections.get(sectionId);
  if (!section || section.boardId !== board.json.id) {
    sendError(
      reply,
      404,
      40,
      `Board section not found: ${sectionId} is not a section of board ${board.json.id}.`,
    );
    return undefined;
  }
  return section;
}

/** The Pin with this id, whoever owns it: 400 for an id that is not numeric, 404 when there is none. */
function existingPin(store: DataStore, reply: FastifyReply, pinId: string): PinRecord | undefined {
  if (!/^\d+$/.test(pinId)) {
    sendError(reply, 400, 1, `Invalid parameter: pin_id must be a numeric id (got "${pinId}").`);
    return undefined;
  }
  const pin = store.pins.get(pinId);
  if (!pin) sendError(reply, 404, 50, 'Pin not found.');
  return pin;
}

/** The caller's own Pin for a write (a Pin on a secret board needs `pins:write_secret`). */
export function writablePin(
  store: DataStore,
  request: FastifyRequest,
  reply: FastifyReply,
  pinId: string,
): PinRecord | undefined {
  const { userId, scopes } = tokenOf(request);
  const pin = existingPin(store, reply, pinId);
  if (!pin) return undefined;
  if (pin.ownerId !== userId) {
    sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
    return undefined;
  }
  if (store.boards.get(pin.json.board_id)?.json.privacy === 'SECRET' && !scopes.has('pins:write_secret')) {
    sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: pins:write_secret.`);
    return undefined;
  }
  return pin;
}

/**
 * A Pin the caller may read: their own (a secret board's needs both read_secret scopes) or another account's
 * public Pin.
 */
export function readablePin(
  store: DataStore,
  request: FastifyRequest,
  reply: FastifyReply,
  pinId: string,
): PinRecord | undefined {
  const { userId, scopes } = tokenOf(request);
  const pin = existingPin(store, reply, pinId);
  if (!pin) return undefined;
  const secret = store.boards.get(pin.json.board_id)?.json.privacy === 'SECRET';
  if (pin.ownerId !== userId) {
    if (secret) {
      sendError(reply, 401, 7, 'Not authorized to access board or Pin.');
      return undefined;
    }
    return pin;
  }
  if (secret && !(scopes.has('pins:read_secret') && scopes.has('boards:read_secret'))) {
    sendError(reply, 401, 3, `${MESSAGES.missingScope} Missing: boards:read_secret, pins:read_secret.`);
    return undefined;
  }
  return pin;
}
