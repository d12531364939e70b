import type { z } from 'zod';

/** The API answered with an HTTP error (after retries where those apply). */
export class HelixHttpError extends Error {
  override readonly name = 'HelixHttpError';
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly helixMessage: string,
  ) {
    super(`${endpoint}: HTTP ${status}${helixMessage ? `: ${helixMessage}` : ''}`);
  }
}

/** A response did not match the contract; `field` is the offending JSON path. */
export class HelixContractError extends Error {
  override readonly name = 'HelixContractError';
  constructor(
    readonly endpoint: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${endpoint}: ${field}: ${problem}`);
  }
}

/** Retries ran out on timeouts or network failures. */
export class HelixNetworkError extends Error {
  override readonly name = 'HelixNetworkError';
  constructor(
    readonly endpoint: string,
    readonly attempts: number,
    reason: string,
  ) {
    super(`${endpoint}: gave up after ${attempts} attempts: ${reason}`);
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function contractErrorFrom(endpoint: string, error: z.ZodError): HelixContractError {
  const issue = error.issues[0]!;
  const problem = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
  return new HelixContractError(endpoint, formatPath(issue.path), problem);
}
