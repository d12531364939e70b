import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const CHUNK_CHARS = 64 * 1024;

/** Joins COPY text lines into ~64 KiB chunks: one write per line would dominate a 100k-row COPY. */
function* chunksOf(lines: readonly string[]): Generator<Buffer> {
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= CHUNK_CHARS) {
      yield Buffer.from(buf, 'utf8');
      buf = '';
    }
  }
  if (buf) yield Buffer.from(buf, 'utf8');
}

/**
 * Streams `lines` (COPY text format, each ending in a newline) through `COPY … FROM STDIN` on this
 * client, so it runs inside whatever transaction the client has open; resolves to rows copied.
 */
export async function copyFromStdin(client: pg.ClientBase, sql: string, lines: readonly string[]): Promise<number> {
  const sink = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunksOf(lines)), sink);
  return sink.rowCount ?? 0;
}

/** COPY text format escaping for a text column. */
export function copyText(value: string): string {
  return value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
