import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('scrubs secret values from messages, fields and errors', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', secrets: ['sup3r-s3cret'], destination });
    log.info({ url: 'postgres://u:sup3r-s3cret@h/db' }, 'connecting with sup3r-s3cret');
    log.error({ err: new Error('auth failed for sup3r-s3cret') }, 'boom');
    const text = lines.join('');
    expect(text).not.toContain('sup3r-s3cret');
    expect(text).toContain('postgres://u:<redacted>@h/db');
    expect(text).toContain('auth failed for <redacted>');
  });

  it('redacts well-known secret fields by name', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', destination }).info({ headers: { authorization: 'Bearer abc' }, token: 'xyz' });
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.headers.authorization).toBe('<redacted>');
    expect(line.token).toBe('<redacted>');
  });
});

describe('scrubSecrets', () => {
  it('walks arrays and nested objects and leaves other values alone', () => {
    expect(scrubSecrets({ a: ['x-key-x', 3], b: { c: 'key' } }, ['key'])).toEqual({
      a: ['x-<redacted>-x', 3],
      b: { c: '<redacted>' },
    });
  });
});
