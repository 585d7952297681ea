import { Transform, type TransformCallback } from 'node:stream';

/**
 * A guard in front of the language server's stdin: the base protocol's frames are `Content-Length: N` headers,
 * a blank line and N bytes. vscode-jsonrpc's reader reports a frame without a usable Content-Length (`abc`, `-5`,
 * none at all) as an error and then waits forever for data it can no longer frame: the server stays alive and
 * deaf. This stream passes the bytes through unchanged while it checks each header; on a header it cannot frame
 * (no or a malformed Content-Length, a header larger than MAX_HEADER, a body larger than MAX_BODY) it calls
 * `onViolation` with the reason and forwards nothing more. The caller exits: after a framing error nothing later
 * in the stream can be trusted to start a message (the JSON-RPC body errors are answered by the library).
 */

/** Header part of one frame, at most (real headers are about 60 bytes). */
export const MAX_HEADER = 8 * 1024;
/** Body of one frame, at most: far above any document the server analyses (files over maxFileSizeKb are not). */
export const MAX_BODY = 256 * 1024 * 1024;

export class FrameGuard extends Transform {
  /** Bytes of the current frame's body still to pass; -1 while reading a header. */
  private remaining = -1;
  private header: Buffer[] = [];
  private headerLength = 0;
  private failed = false;

  constructor(private readonly onViolation: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        this.remaining -= n;
        at += n;
        if (this.remaining === 0) this.remaining = -1;
        continue;
      }
      // In a header: find its end (`\r\n\r\n`, possibly split across chunks).
      const end = this.headerEnd(chunk, at);
      if (end < 0) {
        this.header.push(chunk.subarray(at));
        this.headerLength += chunk.length - at;
        if (this.headerLength > MAX_HEADER) return this.fail(`a message header is longer than ${MAX_HEADER} bytes`, done);
        break;
      }
      if (this.headerLength + (end - at) > MAX_HEADER + 4) return this.fail(`a message header is longer than ${MAX_HEADER} bytes`, done);
      this.header.push(chunk.subarray(at, end));
      const header = Buffer.concat(this.header).toString('ascii');
      this.header = [];
      this.headerLength = 0;
      at = end;
      const length = contentLength(header);
      if (typeof length === 'string') return this.fail(length, done);
      this.remaining = length === 0 ? -1 : length;
    }
    done(null, chunk);
  }

  /** Offset just after the `\r\n\r\n` that ends the header begun in earlier chunks and continued at `from`. */
  private headerEnd(chunk: Buffer, from: number): number {
    // The last 3 bytes of the header so far may hold the start of the terminator.
    const tail = Buffer.concat([...this.header, chunk.subarray(from, Math.min(chunk.length, from + MAX_HEADER + 4))]);
    const i = tail.indexOf('\r\n\r\n');
    if (i < 0) return -1;
    const before = this.headerLength;
    return from + (i + 4 - before);
  }

  private fail(reason: string, done: TransformCallback): void {
    this.failed = true;
    this.header = [];
    done();
    this.onViolation(reason);
  }
}

/** The Content-Length of a header part, or why the frame cannot be read. */
export function contentLength(header: string): number | string {
  let length: number | undefined;
  const lines = header.split('\r\n').filter((l) => l !== '');
  if (lines.length === 0) return 'a message has an empty header';
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'a message header line has no name';
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,12}$/.test(value)) return 'a message has a Content-Length that is not a number of bytes';
    length = Number(value);
  }
  if (length === undefined) return 'a message has no Content-Length header';
  if (length > MAX_BODY) return `a message is longer than ${MAX_BODY} bytes`;
  return length;
}
