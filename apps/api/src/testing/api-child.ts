import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnLogged, type LoggedProcess } from '@streamscope/testing';

export interface ApiChild extends LoggedProcess {
  /** http://127.0.0.1:<port> of the running API. */
  url: string;
  /** SIGKILL if still running, and remove its data dir. */
  cleanup(): Promise<void>;
}

const API_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The real API entry point (src/main.ts, ROLE=api) in its own Node process, on a free loopback
 * port: tests signal it and see what an operator would (exit code, log lines, HTTP answers).
 */
export async function startApiChild(env: Record<string, string>): Promise<ApiChild> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-api-child-'));
  const child = spawnLogged(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      ROLE: 'api',
      HOST: '127.0.0.1',
      PORT: '0',
      SERVE_WEB: 'false',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      REDIS_START_PRIVATE: 'never',
      ...env,
    },
  });
  const cleanup = async () => {
    await child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ready = await Promise.race([
      child.waitFor(/StreamScope is ready/, 60_000),
      child.exited.then(({ code }) => {
        throw new Error(`API exited (${code}) before it was ready:\n${child.lines.join('\n')}`);
      }),
    ]);
    const shown = (JSON.parse(ready) as { url: string }).url;
    return { ...child, url: shown.replace('localhost', '127.0.0.1'), cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
