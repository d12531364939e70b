#!/usr/bin/env node
// `npm start`: build the web app if needed (Nx caches it), then run the all-in-one server
// (API + worker + embedded database unless DATABASE_URL is set). Reads .env when present.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

if (process.env.SERVE_WEB !== 'false') {
  const build = spawnSync('npx', ['nx', 'run', '@streamscope/web:build', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env });
  if (build.status !== 0) {
    console.error('\nThe web app did not build; see the output above.');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
