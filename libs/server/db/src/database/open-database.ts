import { openEmbeddedDatabase } from './embedded-database';
import { openServerDatabase } from './server-database';
import type { Database, DatabaseTarget, OpenDatabaseOptions } from './types';

export async function openDatabase(target: DatabaseTarget, opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (target.kind === 'embedded') return openEmbeddedDatabase(target.dir);
  return openServerDatabase(target.url, target.poolSize ?? 10, opts);
}
