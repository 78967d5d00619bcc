/**
 * The storage host's side of a video upload (`upload_url`): a multipart POST with every signed
 * `upload_parameters` field and the file last, no bearer token; 204 on success, S3-style XML errors otherwise.
 * The body is read as a stream and the file only counted, so a body over the signed size limit is refused
 * (S3's `400 EntityTooLarge`) after at most that many bytes, without keeping them.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MultipartScan, type ScanProblem } from '../multipart-scan.js';
import type { MockEnvironment } from '../types.js';
import type { MockWorld } from '../world.js';

function s3Error(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
}

/** Room for the signed form fields in front of the file (S3 refuses more as `MaxPostPreDataLengthExceeded`). */
const MAX_FIELD_BYTES = 20 * 1024;

const PROBLEM_MESSAGES: Record<ScanProblem, string> = {
  EntityTooLarge: 'Your proposed upload exceeds the maximum allowed size.',
  MaxPostPreDataLengthExceeded: 'Your POST request fields preceding the upload file were too large.',
  MalformedPOSTRequest: 'The body of your POST request is not well-formed multipart/form-data.',
};

/** Refuses a body mid-stream: the answer closes the connection, so the rest of the body is never read. */
function refuse(reply: FastifyReply, problem: ScanProblem, maxBytes: number): FastifyReply {
  const message =
    problem === 'EntityTooLarge'
      ? `${PROBLEM_MESSAGES[problem]} The limit signed in upload_parameters is ${maxBytes} bytes.`
      : PROBLEM_MESSAGES[problem];
  reply.raw.once('finish', () => reply.request.raw.destroy());
  return s3Error(reply.header('connection', 'close'), 400, problem, message);
}

/** Feeds the body to the scanner until it ends or breaks a rule. */
function scanBody(body: Readable, scan: MultipartScan): Promise<ScanProblem | undefined> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const problem = scan.write(chunk);
      if (!problem) return;
      body.off('data', onData);
      body.off('end', onEnd);
      body.pause();
      resolve(problem);
    };
    const onEnd = () => resolve(scan.end());
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', reject);
  });
}

export async function mediaUploadRoutes(app: FastifyInstance, opts: { state: MockWorld }): Promise<void> {
  const { state } = opts;
  // The handler reads the stream itself: no body is buffered before the route has judged it.
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

  app.post<{ Params: { environment: string; media_id: string }; Body: Readable }>(
    '/_uploads/:environment/:media_id',
    async (request, reply) => {
      const environment = request.params.environment as MockEnvironment;
      const uploads = state.stores[environment]?.media;
      const record = uploads?.records.get(request.params.media_id);
      if (!uploads || !record)
        return s3Error(reply, 404, 'NoSuchUpload', 'No upload was registered at this URL.');
      const type = request.headers['content-type'] ?? '';
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
      if (!type.startsWith('multipart/form-data') || !boundary || typeof request.body?.on !== 'function') {
        return s3Error(reply, 412, 'PreconditionFailed', 'Send the upload as multipart/form-data.');
      }
      const declared = Number(request.headers['content-length'] ?? Number.NaN);
      // A declared length past the limit and every field's room is refused before a byte is read.
      if (declared > record.maxBytes + MAX_FIELD_BYTES + 4096)
        return refuse(reply, 'EntityTooLarge', record.maxBytes);
      const scan = new MultipartScan(boundary[1] ?? boundary[2] ?? '', {
        fileName: 'file',
        maxFileBytes: record.maxBytes,
        maxFieldBytes: MAX_FIELD_BYTES,
      });
      const problem = await scanBody(request.body, scan);
      if (problem) return refuse(reply, problem, record.maxBytes);
      const fields = new Map(scan.parts.filter((p) => p.name !== 'file').map((p) => [p.name, p.value ?? '']));
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
      const file = scan.parts.at(-1);
      if (file?.name !== 'file') {
        return s3Error(reply, 400, 'InvalidArgument', 'The file must be the last field, named "file".');
      }
      if (file.size === 0) return s3Error(reply, 400, 'EntityTooSmall', 'The file is empty.');
      if (record.uploadedAt !== undefined)
        return s3Error(reply, 409, 'OperationAborted', 'This upload already has its file.');
      uploads.markUploaded(record, file.size, state.now());
      return reply.code(204).send();
    },
  );
}
