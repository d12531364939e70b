import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Encodings the build writes next to each asset (see apps/web/vite.config.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Hashed assets compressed at build time: the 1.3 MB Plotly chunk goes out as ~0.35 MB of
 * brotli without the server compressing anything per request (no CPU taken from GraphQL).
 */
function precompressed(distDir: string) {
  const assets = join(distDir, 'assets');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = normalize(join(assets, req.path));
    if (!file.startsWith(assets + sep)) return next();
    // Each is asked alone: given a list, negotiation follows the header's order and browsers
    // list gzip before br.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && existsSync(file + e.suffix));
    if (!encoding) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Encoding', encoding.name);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.type(extname(file));
    res.sendFile(file + encoding.suffix, { cacheControl: false, lastModified: true }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}

/** Serves the built SPA with history fallback; API and admin paths are never swallowed. */
export function webRouter(distDir: string): Router | null {
  if (!existsSync(join(distDir, 'index.html'))) return null;
  const router = express.Router();
  router.use('/assets', precompressed(distDir));
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, path) {
        // Hashed assets never change; index.html must always be revalidated.
        res.setHeader('Cache-Control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
        if (path.includes('/assets/')) res.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  router.get(/^\/(?!graphql|admin|healthz|readyz|metrics).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(distDir, 'index.html'));
  });
  return router;
}
