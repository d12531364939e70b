import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyDelivery } from './faults';

export const HTTP_REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * sendText, unless a body fault hit the answer. Both keep the real Content-Length, so the client
 * learns the body is incomplete only from the connection: `reset-mid-body` sends the headers and
 * about half the body, then destroys the socket (an upstream process or proxy dying mid-answer);
 * `slow-body` sends the headers and a first chunk at once, then one chunk per interval, so only a
 * deadline covering the whole body stops it. Trickling answers join `open` (destroyed on close).
 */
export function sendTextWithFault(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
  delivery: BodyDelivery | null,
  open: Set<ServerResponse>,
): void {
  if (!delivery) return sendText(res, status, text, headers);
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...headers });
  if (delivery.kind === 'reset-mid-body') {
    const part = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    res.write(part, () => res.destroy());
    return;
  }
  let offset = 0;
  const next = () => {
    const chunk = body.subarray(offset, offset + delivery.chunkBytes);
    offset += chunk.length;
    if (offset >= body.length) res.end(chunk);
    else res.write(chunk);
  };
  open.add(res);
  const timer = setInterval(next, delivery.intervalMs);
  res.on('finish', () => clearInterval(timer));
  res.on('close', () => {
    clearInterval(timer);
    open.delete(res);
  });
  next();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType?: string): void {
  sendText(res, status, JSON.stringify(body), headers, contentType);
}

/** Helix error envelope: {error: reason phrase, status, message}. */
export function helixError(status: number, message: string): { error: string; status: number; message: string } {
  return { error: HTTP_REASONS[status] ?? 'Error', status, message };
}
