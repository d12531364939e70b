import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRouter } from './web';

let dir: string;
let server: Server;
let base: string;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ssc-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets/app-abc.js'), script);
  writeFileSync(join(dir, 'assets/app-abc.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir, 'assets/app-abc.js.gz'), gzipSync(script));
  writeFileSync(join(dir, 'assets/plain-abc.css'), 'body{}');
  const app = express();
  app.use(webRouter(dir)!);
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Raw bytes and headers, without fetch's transparent decompression. */
async function get(path: string, acceptEncoding: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });
}

describe('webRouter', () => {
  it('serves the build-time brotli or gzip of an asset with its own type and immutable caching', async () => {
    const br = await get('/assets/app-abc.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get('/assets/app-abc.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
  });

  it('falls back to the raw file without an accepted encoding or a compressed copy', async () => {
    const raw = await get('/assets/app-abc.js', 'identity');
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(raw.body.toString()).toBe(script);
    expect(raw.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await get('/assets/plain-abc.css', 'br');
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(css.body.toString()).toBe('body{}');
  });

  it('never leaves the assets folder and keeps the SPA fallback revalidated', async () => {
    const escape = await get('/assets/..%2findex.html', 'br');
    expect(escape.headers.get('content-encoding')).toBeNull();
    const page = await get('/channels', 'br');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.body.toString()).toContain('<title>t</title>');
  });
});
