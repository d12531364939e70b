import { defineConfig } from 'vitest/config';

// Drives a real Chromium against the real stack. The global setup boots one (fresh database,
// unique Redis prefix) unless E2E_BASE_URL points at a running server. Not part of `vitest run`.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['../../tools/test/e2e-global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
