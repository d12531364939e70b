import { join } from 'node:path';
import { spawnLogged, type LoggedProcess } from '@streamscope/testing';
import type { ChildSettings } from './worker-child';

/** A worker in its own process; `lines` are its pino JSON log lines. */
export type WorkerChild = LoggedProcess;

const CHILD = join(import.meta.dirname, 'worker-child.ts');

/** Starts worker-child.ts in its own Node process (tsx), resolving once it takes jobs. */
export async function startWorkerChild(settings: ChildSettings, extraEnv: Record<string, string> = {}): Promise<WorkerChild> {
  const child = spawnLogged(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...extraEnv, RELIABILITY_CHILD: JSON.stringify(settings) },
  });
  await Promise.race([
    child.waitFor(/child ready/, 30_000),
    child.exited.then(({ code }) => {
      throw new Error(`worker child exited (${code}) before it was ready:\n${child.lines.join('\n')}`);
    }),
  ]);
  return child;
}

export async function killChild(child: WorkerChild, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  await child.kill(signal);
}
