/**
 * Video uploads of one environment (`POST /v5/media`): registered until the file arrives on the upload URL,
 * then processing for `processingMs` of mock time, then succeeded (or failed when a fault asked for it).
 */
import { createHmac, randomBytes } from 'node:crypto';

export type MediaStatus = 'registered' | 'processing' | 'succeeded' | 'failed';

export interface MediaRecord {
  id: string;
  ownerId: string;
  /** The signed form fields the upload must repeat (`upload_parameters`). */
  parameters: Record<string, string>;
  registeredAt: number;
  uploadedAt?: number;
  size?: number;
  processingMs: number;
  /** Largest file this upload takes: the `content-length-range` signed in its policy. */
  maxBytes: number;
  /** Processing ends `failed` (a fault set by the control plane). */
  fails: boolean;
}

/** Largest video Pinterest takes (2 GB); the control plane can lower it for new uploads. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export class MediaUploads {
  readonly records = new Map<string, MediaRecord>();
  private readonly signingKey = randomBytes(32);

  constructor(
    private readonly newId: () => string,
    private readonly settings: { processingMs: number; failNext: number; maxUploadBytes: number },
  ) {}

  register(ownerId: string, now: number): MediaRecord {
    const id = this.newId();
    const date = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const key = `uploads/mock/${id}:video`;
    const policy = Buffer.from(
      JSON.stringify({
        expiration: new Date(now + 3_600_000).toISOString(),
        conditions: [{ key }, ['content-length-range', 0, this.settings.maxUploadBytes]],
      }),
    ).toString('base64');
    const record: MediaRecord = {
      id,
      ownerId,
      parameters: {
        'x-amz-date': `${date}Z`,
        'x-amz-signature': createHmac('sha256', this.signingKey).update(policy).digest('hex'),
        'x-amz-security-token': randomBytes(24).toString('base64'),
        'x-amz-algorithm': 'AWS4-HMAC-SHA256',
        key,
        policy,
        'x-amz-credential': `MOCKACCESSKEY/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
        'Content-Type': 'multipart/form-data',
      },
      registeredAt: now,
      processingMs: this.settings.processingMs,
      maxBytes: this.settings.maxUploadBytes,
      fails: this.settings.failNext > 0,
    };
    if (record.fails) this.settings.failNext--;
    this.records.set(id, record);
    return record;
  }

  /** Where the upload is on the mock clock. */
  statusOf(record: MediaRecord, now: number): MediaStatus {
    if (record.uploadedAt === undefined) return 'registered';
    if (now < record.uploadedAt + record.processingMs) return 'processing';
    return record.fails ? 'failed' : 'succeeded';
  }

  markUploaded(record: MediaRecord, size: number, now: number): void {
    record.uploadedAt = now;
    record.size = size;
  }
}
