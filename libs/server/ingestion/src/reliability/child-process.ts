import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildSettings } from './worker-child';

export interface WorkerChild {
  proc: ChildProcess;
  /** Every log line the child wrote (pino JSON), in order. */
  lines: string[];
  /** Resolves with the first line (seen or future) that matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const CHILD = join(import.meta.dirname, 'worker-child.ts');

/** Starts worker-child.ts in its own Node process (tsx), resolving once it takes jobs. */
export async function startWorkerChild(settings: ChildSettings, extraEnv: Record<string, string> = {}): Promise<WorkerChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...extraEnv, RELIABILITY_CHILD: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  let buf = '';
  const onData = (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const child: WorkerChild = {
    proc,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child never logged ${pattern}; last lines:\n${lines.slice(-10).join('\n')}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
  };
  await Promise.race([
    child.waitFor(/child ready/, 30_000),
    exited.then(({ code }) => {
      throw new Error(`worker child exited (${code}) before it was ready:\n${lines.join('\n')}`);
    }),
  ]);
  return child;
}

export async function killChild(child: WorkerChild, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill(signal);
  await child.exited;
}
