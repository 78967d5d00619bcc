/**
 * Publishing: `POST /api/pins` creates a Pin from an image (base64 in the JSON body, or a URL Pinterest fetches
 * itself) with auth-core's `createPinFromImage` / `createPinFromImageUrl`; `GET /api/board-choices` and
 * `GET /api/boards/:boardId/sections` feed the dialog's pickers. Registered inside `/api`: origin guard, session
 * and CSRF header (B3) come first.
 *
 * Least privilege: the login has read scopes only. The first publish fails with MISSING_SCOPE before any
 * request to Pinterest; problems.ts answers `403 missing_scope` naming pins:write and boards:write, and the SPA
 * offers the incremental consent (`/auth/login?grant=…`).
 */
import {
  createPinFromImage,
  createPinFromImageUrl,
  type PinFields,
  type PinterestAuth,
} from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';
import { isPinImageType, sniffImageType } from '../image-type.js';
import { toPinView } from '../views.js';
import { boardIdParams } from './schemas.js';

/** Largest image accepted, decoded (Pinterest's own limit for images is higher; this keeps memory bounded). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Body limit of `POST /api/pins`: the image as base64 (4/3 of its size) plus the text fields. */
const PIN_BODY_LIMIT = Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 16 * 1024;

const id = { type: 'string', pattern: '^[0-9]{1,32}$' } as const;
const httpUrl = { type: 'string', maxLength: 2048, pattern: '^https?://[^\\s]+$' } as const;
const newPinBody = {
  type: 'object',
  required: ['board_id'],
  properties: {
    board_id: id,
    board_section_id: id,
    image_base64: {
      type: 'string',
      minLength: 4,
      maxLength: PIN_BODY_LIMIT,
      pattern: '^[A-Za-z0-9+/]+={0,2}$',
    },
    image_url: httpUrl,
    title: { type: 'string', maxLength: 100 },
    description: { type: 'string', maxLength: 800 },
    link: httpUrl,
    alt_text: { type: 'string', maxLength: 500 },
  },
  // Fields not listed here are dropped (Fastify's removeAdditional), never forwarded to Pinterest.
  additionalProperties: false,
} as const;

interface NewPinBody {
  board_id: string;
  board_section_id?: string;
  image_base64?: string;
  image_url?: string;
  title?: string;
  description?: string;
  link?: string;
  alt_text?: string;
}

const publishRoutes: FastifyPluginAsync<{ auth: PinterestAuth }> = async (app, { auth }) => {
  const clientOf = (key: string | undefined) => auth.client(key as string);

  /** Every board the user can pick (one page of 250, Pinterest's maximum), as id and name. */
  app.get('/board-choices', { preHandler: app.requireSession }, async (request) => {
    const page = await clientOf(request.session?.accountKey).get('/boards', { query: { page_size: 250 } });
    return {
      items: page.items.map((board) => ({ id: String(board.id ?? ''), name: String(board.name ?? '') })),
    };
  });

  app.get(
    '/boards/:boardId/sections',
    { preHandler: app.requireSession, schema: { params: boardIdParams } },
    async (request) => {
      const { boardId } = request.params as { boardId: string };
      const page = await clientOf(request.session?.accountKey).get('/boards/{board_id}/sections', {
        path: { board_id: boardId },
        query: { page_size: 250 },
      });
      return {
        items: (page.items ?? []).map((section) => ({
          id: String(section.id ?? ''),
          name: String(section.name ?? ''),
        })),
      };
    },
  );

  app.post(
    '/pins',
    { preHandler: app.requireSession, bodyLimit: PIN_BODY_LIMIT, schema: { body: newPinBody } },
    async (request, reply) => {
      const body = request.body as NewPinBody;
      // Exactly one image (checked here rather than with `oneOf`, whose refusal names no field).
      if ((body.image_base64 === undefined) === (body.image_url === undefined)) {
        return reply.code(400).send({
          error: 'invalid_request',
          message:
            body.image_url === undefined
              ? 'No image: send the image as image_base64 (JPEG or PNG bytes) or give an image_url.'
              : 'Two images: send either image_base64 or image_url, not both.',
        });
      }
      const pin: PinFields = {
        board_id: body.board_id,
        ...(body.board_section_id ? { board_section_id: body.board_section_id } : {}),
        ...(body.title ? { title: body.title } : {}),
        ...(body.description ? { description: body.description } : {}),
        ...(body.link ? { link: body.link } : {}),
        ...(body.alt_text ? { alt_text: body.alt_text } : {}),
      };
      const client = clientOf(request.session?.accountKey);
      if (body.image_url !== undefined) {
        const created = await createPinFromImageUrl(client, pin, body.image_url);
        return reply.code(201).send({ pin: toPinView(created), boardId: body.board_id });
      }
      const data = Buffer.from(body.image_base64 ?? '', 'base64');
      if (data.length > MAX_IMAGE_BYTES) {
        return reply.code(413).send({
          error: 'too_large',
          message: `That image is ${(data.length / 1048576).toFixed(1)} MB. Pick one of at most 10 MB.`,
        });
      }
      // The bytes decide, not a file name or a declared type.
      const type = sniffImageType(data);
      if (!isPinImageType(type)) {
        return reply.code(415).send({
          error: 'unsupported_image',
          message: `That file is ${type ? `a ${type} file` : 'not an image we recognise'}. Pick a JPEG or PNG image.`,
        });
      }
      const created = await createPinFromImage(client, pin, { data, contentType: type });
      return reply.code(201).send({ pin: toPinView(created), boardId: body.board_id });
    },
  );
};

export default publishRoutes;
