import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

/** Serves the built SPA with history fallback; API and admin paths are never swallowed. */
export function webRouter(distDir: string): Router | null {
  if (!existsSync(join(distDir, 'index.html'))) return null;
  const router = express.Router();
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, path) {
        // Hashed assets never change; index.html must always be revalidated.
        res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/^\/(?!graphql|admin|healthz|readyz|metrics).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(distDir, 'index.html'));
  });
  return router;
}
