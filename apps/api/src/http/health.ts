import type { Router } from 'express';
import express from 'express';
import type { Redis } from 'ioredis';
import type { Database } from '@streamscope/db';
import { APP_VERSION } from '../version';

export interface ReadinessDeps {
  db: Database;
  redis: Redis;
  migrations: () => { applied: boolean; names: string[] };
  /** True once shutdown began: not ready, whatever the dependencies say. */
  shuttingDown?: () => boolean;
}

type Check = { ok: boolean; detail?: string; ms: number };

async function timed(fn: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  const started = Date.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err), ms: Date.now() - started };
  }
}

/** /healthz: the process answers. /readyz: database, Redis and migrations, each reported. */
export function healthRouter(deps: ReadinessDeps): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: APP_VERSION });
  });
  router.get('/readyz', async (_req, res) => {
    // Load balancers must stop routing here before the listener closes.
    if (deps.shuttingDown?.()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const [database, redis] = await Promise.all([timed(() => deps.db.ping()), timed(() => deps.redis.ping())]);
    const m = deps.migrations();
    const migrations: Check = { ok: m.applied, detail: m.applied ? `${m.names.length} applied` : 'not applied', ms: 0 };
    const ready = database.ok && redis.ok && migrations.ok;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: { database, redis, migrations } });
  });
  return router;
}
