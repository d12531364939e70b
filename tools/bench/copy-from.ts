import type pg from 'pg';

/**
 * `COPY ... FROM STDIN` through node-postgres without pg-copy-streams (not installed): a
 * "submittable" query object that sends the data when the server asks for it. Only the
 * protocol steps COPY IN needs are handled.
 */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyIn {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (err: Error) => void;
  private rows = 0;
  private error: Error | null = null;

  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise<number>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    this.rows = m ? Number(m[1]) : 0;
  }

  handleError(err: Error): void {
    this.error = err;
  }

  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rows);
  }

  // Messages a COPY IN never produces; present because the client may probe for them.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Streams `lines` (already in COPY text format, newline-terminated) into the table; returns rows copied. */
export async function copyFromStdin(client: pg.ClientBase, sql: string, lines: readonly string[]): Promise<number> {
  const chunks: Buffer[] = [];
  const CHUNK = 64 * 1024;
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= CHUNK) {
      chunks.push(Buffer.from(buf, 'utf8'));
      buf = '';
    }
  }
  if (buf) chunks.push(Buffer.from(buf, 'utf8'));
  const q = new CopyIn(sql, chunks);
  // A submittable goes through the client's queue like any query.
  (client as unknown as { query(q: CopyIn): unknown }).query(q);
  return q.done;
}

/** COPY text format escaping for a text column. */
export function copyText(value: string): string {
  return value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
