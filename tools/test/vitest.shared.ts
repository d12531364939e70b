import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Shared Vitest settings for server-side projects.
 *
 * graphql 16 ships both `index.mjs` (picked by Vite's `module` field) and `index.js` (what
 * Node's require gives CommonJS packages such as type-graphql). Two copies of graphql in one
 * process break schema building, so tests are pinned to the CommonJS entry, as at run time.
 */
export function serverTestConfig(root: string, overrides: ViteUserConfig['test'] = {}) {
  return defineConfig({
    root,
    resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
    test: {
      include: ['src/**/*.spec.ts', 'src/**/*.integration-spec.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Integration specs create their own database and Redis prefix; files still run
      // one per worker process, and two cores do not gain from more.
      maxWorkers: 2,
      ...overrides,
    },
  });
}
