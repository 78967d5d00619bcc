/**
 * Publishing (registered inside the signed-in scope, so a session exists):
 * - `GET /pins/new`: first the board, then (`?board_id=…`) the Pin form with that board's sections.
 * - `POST /pins` (CSRF-checked): creates the Pin from an image URL (`createPinFromImageUrl`) or an uploaded JPEG
 *   or PNG (`createPinFromImage`, sent to Pinterest as `image_base64`), then shows its board.
 *
 * The login has read scopes only: the first publish fails with MISSING_SCOPE before any request to Pinterest,
 * and the error page offers the incremental consent for pins:write and boards:write, coming back to the form
 * (route config `returnTo`).
 */
import fastifyMultipart from '@fastify/multipart';
import { createPinFromImage, createPinFromImageUrl, type PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isPinImageType, sniffImageType } from '../image-type.js';
import { signedIn } from '../plugins/session.js';
import { type NewPinValues, newPinPage } from '../views/new-pin-page.js';

/** Largest image upload accepted (its base64 form is a third larger on the way to Pinterest). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const id = { type: 'string', pattern: '^[0-9]{1,32}$' } as const;
const optionalId = { type: 'string', pattern: '^([0-9]{1,32})?$' } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const newPinBody = {
  type: 'object',
  required: ['csrf', 'board_id'],
  properties: {
    csrf: text(100),
    board_id: id,
    board_section_id: optionalId,
    // Empty when a file is uploaded instead.
    image_url: { type: 'string', maxLength: 2048, pattern: '^(https?://.*)?$' },
    // The uploaded file's bytes (multipart only); checked by its first bytes in the handler.
    image_file: {},
    title: text(100),
    description: text(800),
    link: { type: 'string', maxLength: 2048, pattern: '^(https?://.*)?$' },
    alt_text: text(500),
  },
  additionalProperties: false,
} as const;

type NewPinBody = NewPinValues & { csrf?: string; image_file?: unknown };

/** The form's address, for a board when `boardId` is one (it may come from a body that failed validation). */
function formUrl(boardId: unknown): string {
  return typeof boardId === 'string' && /^[0-9]{1,32}$/.test(boardId)
    ? `/pins/new?board_id=${boardId}`
    : '/pins/new';
}

const publishPlugin: FastifyPluginAsync<{ auth: PinterestAuth }> = async (app, { auth }) => {
  // Forms with a file come as multipart/form-data; every field lands in `request.body` (files as Buffers), so
  // the CSRF check and the schema see them as they see a urlencoded form.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 20, fieldSize: 4096, parts: 21 },
  });

  const clientFor = (request: FastifyRequest) => auth.client(signedIn(request)?.accountKey as string);

  /** The form, for the board in `values.board_id` (its sections listed), or the board choice first. */
  async function form(request: FastifyRequest, values: NewPinValues = {}, error?: string) {
    const client = clientFor(request);
    const [boards, sections] = await Promise.all([
      client.get('/boards', { query: { page_size: 250 } }).then((page) => page.items),
      values.board_id
        ? client
            .get('/boards/{board_id}/sections', {
              path: { board_id: values.board_id },
              query: { page_size: 250 },
            })
            .then((page) => page.items)
        : undefined,
    ]);
    return (ctx: Parameters<typeof newPinPage>[0]) => newPinPage(ctx, { boards, sections, values, error });
  }

  app.get(
    '/pins/new',
    {
      schema: { querystring: { type: 'object', properties: { board_id: id }, additionalProperties: false } },
    },
    async (request, reply) => {
      const { board_id } = request.query as { board_id?: string };
      return reply.page(await form(request, board_id ? { board_id } : {}));
    },
  );

  app.post(
    '/pins',
    {
      schema: { body: newPinBody },
      // Back to the form for the same board (also after the incremental consent).
      config: { returnTo: (request) => formUrl((request.body as NewPinValues | undefined)?.board_id) },
      // The form's CSRF token is checked before anything else looks at the body.
      preValidation: app.csrfProtection,
      // A bad form is shown again with what was typed, not as a bare 400.
      attachValidation: true,
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as NewPinBody;
      const values: NewPinValues = { ...body };
      delete (values as NewPinBody).image_file;
      const again = async (error: string) => reply.code(400).page(await form(request, values, error));
      if (request.validationError) {
        return again(
          'Check the form: the board, an http(s) image URL or a file, and at most 100 characters of title, 800 of description and 500 of alt text.',
        );
      }
      // An empty file input still sends a part, with no bytes.
      const file =
        Buffer.isBuffer(body.image_file) && body.image_file.length > 0 ? body.image_file : undefined;
      if (file && body.image_url) {
        return again('Give an image URL or a file, not both: clear one of them, then publish again.');
      }
      if (!file && !body.image_url) return again('Add the image: paste its URL or choose a file.');
      const sniffed = file ? sniffImageType(file) : undefined;
      const contentType = isPinImageType(sniffed) ? sniffed : undefined;
      if (file && !contentType) {
        return again(
          'That file is not a JPEG or PNG image (Pinterest takes only those as an upload). Choose a .jpg or .png file, or give the image URL.',
        );
      }

      const { board_id, board_section_id, image_url, title, description, link, alt_text } =
        body as Required<NewPinValues>;
      const pin = {
        board_id,
        ...(board_section_id ? { board_section_id } : {}),
        ...(title ? { title } : {}),
        ...(description ? { description } : {}),
        ...(link ? { link } : {}),
        ...(alt_text ? { alt_text } : {}),
      };
      if (file && contentType) await createPinFromImage(clientFor(request), pin, { data: file, contentType });
      else await createPinFromImageUrl(clientFor(request), pin, image_url);
      return reply.redirect(`/boards/${board_id}`, 303);
    },
  );
};

export default publishPlugin;
