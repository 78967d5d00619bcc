/**
 * A streaming reader of `multipart/form-data` (RFC 7578) for the upload URL: it keeps the small form
 * fields, counts the file's bytes without keeping them, and stops at the first limit crossed, so a 2 GB
 * video (or a body that never ends) costs a few kilobytes of memory.
 */

/** One part as read: a field's text, or the file's name and size. */
export interface ScannedPart {
  name: string;
  filename?: string;
  /** The field's value (non-file parts only). */
  value?: string;
  size: number;
}

/** Why a body was refused, as S3 names it. */
export type ScanProblem = 'EntityTooLarge' | 'MaxPostPreDataLengthExceeded' | 'MalformedPOSTRequest';

/** Longest header block of one part. */
const MAX_HEADER_BYTES = 16 * 1024;

export class MultipartScan {
  readonly parts: ScannedPart[] = [];
  private state: 'preamble' | 'headers' | 'body' | 'delimiter' | 'end' = 'preamble';
  // A CRLF in front lets the first delimiter be found like every other one.
  private pending: Buffer = Buffer.from('\r\n');
  private readonly delimiter: Buffer;
  private current: (ScannedPart & { chunks: Buffer[] }) | undefined;
  private fieldBytes = 0;

  /** `fileName`: the part counted, not kept; `maxFileBytes`, `maxFieldBytes`: the limits. */
  constructor(
    boundary: string,
    private readonly limits: { fileName: string; maxFileBytes: number; maxFieldBytes: number },
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  /** Reads the next bytes; returns the problem when they break a rule (stop feeding then). */
  write(chunk: Buffer): ScanProblem | undefined {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      const step = this.step();
      if (step !== 'progress') return step === 'wait' ? undefined : step;
    }
  }

  /** At the end of the body: a problem when it stopped before the closing delimiter. */
  end(): ScanProblem | undefined {
    return this.state === 'end' ? undefined : 'MalformedPOSTRequest';
  }

  private step(): 'progress' | 'wait' | ScanProblem {
    switch (this.state) {
      case 'preamble': {
        const at = this.pending.indexOf(this.delimiter);
        if (at === -1) {
          this.keepTail();
          return 'wait';
        }
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.state = 'delimiter';
        return 'progress';
      }
      case 'delimiter': {
        if (this.pending.length < 2) return 'wait';
        const next = this.pending.subarray(0, 2).toString('latin1');
        this.pending = this.pending.subarray(2);
        if (next === '--') {
          this.state = 'end';
          return 'progress';
        }
        if (next !== '\r\n') return 'MalformedPOSTRequest';
        this.state = 'headers';
        return 'progress';
      }
      case 'headers': {
        const at = this.pending.indexOf('\r\n\r\n');
        if (at === -1) return this.pending.length > MAX_HEADER_BYTES ? 'MalformedPOSTRequest' : 'wait';
        const headers = this.pending.subarray(0, at).toString('utf8');
        this.pending = this.pending.subarray(at + 4);
        const name = /name="([^"]*)"/i.exec(headers)?.[1];
        if (name === undefined) return 'MalformedPOSTRequest';
        const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
        this.current = { name, size: 0, chunks: [] };
        if (filename !== undefined) this.current.filename = filename;
        this.state = 'body';
        return 'progress';
      }
      case 'body': {
        const at = this.pending.indexOf(this.delimiter);
        const safe = at === -1 ? this.pending.length - this.delimiter.length + 1 : at;
        if (safe > 0) {
          const problem = this.take(this.pending.subarray(0, safe));
          if (problem) return problem;
          this.pending = this.pending.subarray(safe);
        }
        if (at === -1) return 'wait';
        this.pending = this.pending.subarray(this.delimiter.length);
        this.closePart();
        this.state = 'delimiter';
        return 'progress';
      }
      case 'end':
        // The epilogue after the closing delimiter is ignored, as RFC 2046 says.
        this.pending = Buffer.alloc(0);
        return 'wait';
    }
  }

  /** Part data: the file is counted, fields are kept up to their limit. */
  private take(data: Buffer): ScanProblem | undefined {
    const part = this.current;
    if (!part) return 'MalformedPOSTRequest';
    part.size += data.length;
    if (part.name === this.limits.fileName) {
      return part.size > this.limits.maxFileBytes ? 'EntityTooLarge' : undefined;
    }
    this.fieldBytes += data.length;
    if (this.fieldBytes > this.limits.maxFieldBytes) return 'MaxPostPreDataLengthExceeded';
    // A copy: `data` may be a view of a chunk the stream reuses.
    part.chunks.push(Buffer.from(data));
    return undefined;
  }

  private closePart(): void {
    const part = this.current;
    if (!part) return;
    const scanned: ScannedPart = { name: part.name, size: part.size };
    if (part.filename !== undefined) scanned.filename = part.filename;
    if (part.name !== this.limits.fileName) scanned.value = Buffer.concat(part.chunks).toString('utf8');
    this.parts.push(scanned);
    this.current = undefined;
  }

  /** Before the first delimiter, keep only what could be its beginning. */
  private keepTail(): void {
    const keep = this.delimiter.length - 1;
    if (this.pending.length > keep) this.pending = this.pending.subarray(this.pending.length - keep);
  }
}
