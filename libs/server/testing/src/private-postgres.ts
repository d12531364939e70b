import { execFileSync, spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type PostgresStopMode = 'smart' | 'fast' | 'immediate';

export interface PrivatePostgres {
  /** Admin URL (user postgres, trust auth) of the `postgres` database. */
  url: string;
  port: number;
  dir: string;
  /** A URL for another database on this server. */
  urlFor(database: string): string;
  /** `pg_ctl stop -m <mode>` and wait until the server is gone. */
  stop(mode?: PostgresStopMode): Promise<void>;
  /** `pg_ctl start` on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Immediate stop (if running) and removal of the data directory. */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory, or PG_BIN when set. */
function findBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return join(root, versions[0], 'bin');
  // Distributions that put the binaries on PATH (Homebrew, Alpine).
  if (spawnSync('pg_ctl', ['--version'], { stdio: 'ignore' }).status === 0) return '';
  throw new Error('no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH; set PG_BIN)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Postgres refuses to run as root: as root, the server runs as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** Servers still running when the test process exits (a failed test must not leave one behind). */
const running = new Set<() => void>();
process.once('exit', () => {
  for (const kill of running) kill();
});

/**
 * A PostgreSQL server of the test's own: initdb into a temp dir, trust auth, a free loopback
 * port, its socket in the data dir. Fault tests stop and restart it (fast, immediate) without
 * touching the shared server on 5432 that other test files use.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findBinDir();
  const tool = (name: string) => (bin ? join(bin, name) : name);
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'ss-private-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const opts: SpawnSyncOptions = { cwd: dir, encoding: 'utf8', ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } };
  const runSync = (name: string, args: string[]) => {
    const r = spawnSync(tool(name), args, opts);
    return { ok: r.status === 0, output: `${String(r.stdout ?? '')}${String(r.stderr ?? '')}` };
  };
  // pg_ctl start/stop take a second or more: async, so the processes under test keep running meanwhile.
  const run = (name: string, args: string[]) =>
    new Promise<{ ok: boolean; output: string }>((resolve) => {
      const child = spawn(tool(name), args, { cwd: dir, ...(user ?? {}), env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.once('error', (err) => resolve({ ok: false, output: err.message }));
      child.once('close', (code) => resolve({ ok: code === 0, output }));
    });

  const init = runSync('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  if (!init.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.output}`);
  }

  let port = 0;
  let up = false;
  const kill = () => {
    if (up) spawnSync(tool('pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], { ...opts, stdio: 'ignore' });
  };
  const launch = async (): Promise<{ ok: boolean; output: string }> => {
    // fsync off: a test server's durability across power loss does not matter, its speed does.
    const serverOpts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=50`;
    const r = await run('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', serverOpts]);
    up = r.ok;
    if (up) running.add(kill);
    return r;
  };

  let last = '';
  for (let attempt = 0; attempt < 5 && !up; attempt++) {
    port = await freePort();
    last = (await launch()).output;
  }
  if (!up) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a private postgres: ${last}`);
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async (mode: PostgresStopMode = 'fast') => {
    if (!up) return;
    const r = await run('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', '60']);
    if (!r.ok) throw new Error(`pg_ctl stop -m ${mode} failed: ${r.output}`);
    up = false;
    running.delete(kill);
  };
  return {
    url,
    port,
    dir,
    urlFor: (database) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop,
    async start() {
      if (up) return;
      const r = await launch();
      if (!r.ok) throw new Error(`private postgres did not restart on port ${port}: ${r.output}`);
    },
    async destroy() {
      kill();
      up = false;
      running.delete(kill);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
