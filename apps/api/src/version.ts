import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The workspace version, shown by systemInfo and /healthz. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;
