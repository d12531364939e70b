import { resolve } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildApiSchema } from './schema';

/** Where the committed SDL lives: the web app's codegen reads it from here. */
export const SCHEMA_FILE = resolve(import.meta.dirname, '../../schema.graphql');

export async function renderSdl(): Promise<string> {
  const schema = await buildApiSchema();
  return `# Generated from the resolvers by \`npm run schema -w @streamscope/api\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
