import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per embedded data directory: two engines writing the same files corrupt them.
 * The lock file sits beside the directory (`<dir>.lock`) so the engine's own files stay untouched.
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  if (heldHere.has(file)) throw new Error(`embedded database ${dir} is already open in this process`);
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(
          `embedded database ${dir} is in use by process ${pid} (lock file ${file}); stop it or set DATABASE_URL`,
        );
      }
      // Left behind by a process that is gone: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock embedded database ${dir} (lock file ${file})`);
}
