import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { renderSdl, SCHEMA_FILE } from '../graphql/sdl';

writeFileSync(SCHEMA_FILE, await renderSdl());
console.log(`wrote ${SCHEMA_FILE}`);
