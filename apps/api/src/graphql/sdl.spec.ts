import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSdl, SCHEMA_FILE } from './sdl';

describe('committed schema.graphql', () => {
  it('matches the schema the resolvers produce (run `npm run schema -w @streamscope/api` after changing them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await renderSdl());
  });
});
