/**
 * Publishing (registered inside the signed-in scope, so a session exists): `GET /pins/new` (the form) and `POST /pins` (CSRF-checked; creates the Pin from an image URL with
 * auth-core's `createPinFromImageUrl`, then shows its board). The login has read scopes only: the first
 * publish fails with MISSING_SCOPE before any request to Pinterest, and the error page offers the incremental
 * consent for pins:write and boards:write, coming back to this form (route config `returnTo`).
 */
import { createPinFromImageUrl, type PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { signedIn } from '../plugins/session.js';
import { type NewPinValues, newPinPage } from '../views/new-pin-page.js';

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const newPinBody = {
  type: 'object',
  required: ['csrf', 'board_id', 'image_url'],
  properties: {
    csrf: text(100),
    board_id: { type: 'string', pattern: '^[0-9]{1,32}$' },
    image_url: { type: 'string', maxLength: 2048, pattern: '^https?://' },
    title: text(100),
    description: text(800),
    link: { type: 'string', maxLength: 2048, pattern: '^(https?://.*)?$' },
    alt_text: text(500),
  },
  additionalProperties: false,
} as const;

const publishPlugin: FastifyPluginAsync<{ auth: PinterestAuth }> = async (app, { auth }) => {
  const clientFor = (request: FastifyRequest) => auth.client(signedIn(request)?.accountKey as string);
  const boardsOf = async (request: FastifyRequest) =>
    (await clientFor(request).get('/boards', { query: { page_size: 250 } })).items;

  app.get('/pins/new', async (request, reply) => {
    const boards = await boardsOf(request);
    return reply.page((ctx) => newPinPage(ctx, boards));
  });

  app.post(
    '/pins',
    {
      schema: { body: newPinBody },
      config: { returnTo: '/pins/new' },
      // The form's CSRF token is checked before anything else looks at the body.
      preValidation: app.csrfProtection,
      // A bad form is shown again with what was typed, not as a bare 400.
      attachValidation: true,
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as NewPinValues & { csrf?: string };
      if (request.validationError) {
        const boards = await boardsOf(request);
        return reply
          .code(400)
          .page((ctx) =>
            newPinPage(
              ctx,
              boards,
              body,
              'Check the form: the board, an http(s) image URL, and at most 100 characters of title, 800 of description and 500 of alt text.',
            ),
          );
      }
      const { board_id, image_url, title, description, link, alt_text } = body as Required<NewPinValues>;
      await createPinFromImageUrl(
        clientFor(request),
        {
          board_id,
          ...(title ? { title } : {}),
          ...(description ? { description } : {}),
          ...(link ? { link } : {}),
          ...(alt_text ? { alt_text } : {}),
        },
        image_url,
      );
      return reply.redirect(`/boards/${board_id}`, 303);
    },
  );
};

export default publishPlugin;
