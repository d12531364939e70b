import type { z } from 'zod';

export interface XProblem {
  type: string | null;
  title: string | null;
  detail: string | null;
}

/** The API answered with an HTTP error (after retries where those apply). */
export class XHttpError extends Error {
  override readonly name = 'XHttpError';
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly problem: XProblem,
    readonly query: string | null,
  ) {
    const what = [problem.title, problem.detail].filter((s, k, all) => s && all.indexOf(s) === k).join(': ');
    super(`${endpoint}${query !== null ? ` (query ${JSON.stringify(query)})` : ''}: HTTP ${status}${what ? `: ${what}` : ''}`);
  }
}

/** A response did not match the contract; `field` is the offending JSON path. */
export class XContractError extends Error {
  override readonly name = 'XContractError';
  constructor(
    readonly endpoint: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${endpoint}: ${field}: ${problem}`);
  }
}

/** Retries ran out on timeouts or network failures. */
export class XNetworkError extends Error {
  override readonly name = 'XNetworkError';
  constructor(
    readonly endpoint: string,
    readonly attempts: number,
    reason: string,
  ) {
    super(`${endpoint}: gave up after ${attempts} attempts: ${reason}`);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function xContractErrorFrom(endpoint: string, error: z.ZodError): XContractError {
  const issue = error.issues[0]!;
  const problem = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
  return new XContractError(endpoint, formatPath(issue.path), problem);
}
