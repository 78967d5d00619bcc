/**
 * The storage host's side of a video upload (`upload_url`): a multipart POST with every signed
 * `upload_parameters` field and the file last, no bearer token; 204 on success, S3-style XML errors otherwise.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../media-uploads.js';
import type { MockEnvironment } from '../types.js';
import type { MockWorld } from '../world.js';

interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

/** Splits a multipart/form-data body into its parts (RFC 7578). */
function parseMultipart(body: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  if (start === -1) return undefined;
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    const next = body.indexOf(delimiter, headerEnd);
    if (headerEnd === -1 || next === -1) return undefined;
    const headers = body.subarray(start + 2, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return undefined;
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const part: Part = { name, data: body.subarray(headerEnd + 4, next - 2) };
    if (filename !== undefined) part.filename = filename;
    parts.push(part);
    start = next;
  }
}

function s3Error(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
}

export async function mediaUploadRoutes(app: FastifyInstance, opts: { state: MockWorld }): Promise<void> {
  const { state } = opts;
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES + 65_536 },
    (_r, body, done) => done(null, body),
  );

  app.post<{ Params: { environment: string; media_id: string } }>(
    '/_uploads/:environment/:media_id',
    { bodyLimit: MAX_UPLOAD_BYTES + 65_536 },
    async (request, reply) => {
      const environment = request.params.environment as MockEnvironment;
      const uploads = state.stores[environment]?.media;
      const record = uploads?.records.get(request.params.media_id);
      if (!uploads || !record)
        return s3Error(reply, 404, 'NoSuchUpload', 'No upload was registered at this URL.');
      const type = request.headers['content-type'] ?? '';
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
      if (!type.startsWith('multipart/form-data') || !boundary || !Buffer.isBuffer(request.body)) {
        return s3Error(reply, 412, 'PreconditionFailed', 'Send the upload as multipart/form-data.');
      }
      const parts = parseMultipart(request.body, boundary[1] ?? boundary[2] ?? '');
      if (!parts)
        return s3Error(
          reply,
          400,
          'MalformedPOSTRequest',
          'The body is not well-formed multipart/form-data.',
        );
      const fields = new Map(
        parts.filter((p) => p.name !== 'file').map((p) => [p.name, p.data.toString('utf8')]),
      );
      for (const [name, value] of Object.entries(record.parameters)) {
        if (fields.get(name) !== value) {
          return s3Error(
            reply,
            403,
            'AccessDenied',
            `Invalid according to Policy: field ${name} is missing or differs from upload_parameters.`,
          );
        }
      }
      const file = parts.at(-1);
      if (file?.name !== 'file') {
        return s3Error(reply, 400, 'InvalidArgument', 'The file must be the last field, named "file".');
      }
      if (file.data.length === 0) return s3Error(reply, 400, 'EntityTooSmall', 'The file is empty.');
      if (record.uploadedAt !== undefined)
        return s3Error(reply, 409, 'OperationAborted', 'This upload already has its file.');
      uploads.markUploaded(record, file.data.length, state.now());
      return reply.code(204).send();
    },
  );
}
