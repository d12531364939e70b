import type { TestProject } from 'vitest/node';
import { startStack, type Stack } from './stack';

let stack: Stack | undefined;

/** Vitest globalSetup for end-to-end suites: one real stack for the run. */
export async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide('e2eBaseUrl', process.env.E2E_BASE_URL);
    project.provide('e2eAdminToken', process.env.E2E_ADMIN_TOKEN ?? '');
    return;
  }
  stack = await startStack();
  process.env.E2E_BASE_URL = stack.baseUrl;
  process.env.E2E_ADMIN_TOKEN = stack.adminToken;
  project.provide('e2eBaseUrl', stack.baseUrl);
  project.provide('e2eAdminToken', stack.adminToken);
}

export async function teardown() {
  await stack?.stop();
}

