import { defineConfig } from 'vitest/config';

// One Vitest run over every project: `npm test` (tools/test.mjs) drives it.
export default defineConfig({
  test: {
    projects: ['libs/*/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
