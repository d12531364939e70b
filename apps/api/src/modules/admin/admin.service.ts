import type { ApiKeyRepository, ApiKeyRow, ApiKeyScope } from '@streamscope/db';
import type { JobName, Queues } from '@streamscope/queues';
import { generateApiKey } from '../../auth/api-keys';
import { badInput } from '../../graphql/errors';
import { ApiKeyScopeArg, RunnableJob, type ApiKey, type CreateApiKeyInput, type CreatedApiKey, type EnqueuedJob } from './admin.types';

const JOB_OF: Record<RunnableJob, Exclude<JobName, 'twitch.backfill'>> = {
  [RunnableJob.TWITCH_SWEEP_STREAMS]: 'twitch.sweep-streams',
  [RunnableJob.TWITCH_TOP_GAMES]: 'twitch.top-games',
  [RunnableJob.TWITCH_METADATA]: 'twitch.metadata',
  [RunnableJob.MAINTENANCE]: 'maintenance.run',
};

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    ...row,
    scopes: row.scopes.map((s) => (s === 'admin' ? ApiKeyScopeArg.ADMIN : ApiKeyScopeArg.READ)),
  };
}

/** Admin rules: API keys and manual job runs. Callers have passed requireAdmin. */
export class AdminService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly queues: Queues,
  ) {}

  async createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 64) throw badInput('input.name', 'must be 1 to 64 characters');
    if (input.scopes.length === 0) throw badInput('input.scopes', 'give at least one scope (READ or ADMIN)');
    const generated = generateApiKey();
    const row = await this.keys.create({
      name,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: [...new Set(input.scopes.map((s): ApiKeyScope => (s === ApiKeyScopeArg.ADMIN ? 'admin' : 'read')))],
    });
    return { key: generated.key, apiKey: toApiKey(row) };
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKey);
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    if (!/^\d{1,18}$/.test(id)) throw badInput('id', 'is not an API key id');
    const row = await this.keys.revoke(id);
    if (!row) throw badInput('id', `no active API key with id ${id}`);
    return toApiKey(row);
  }

  async runJob(job: RunnableJob): Promise<EnqueuedJob> {
    const name = JOB_OF[job];
    const enqueued = await this.queues.enqueue(name, { trigger: 'manual' });
    return { jobId: String(enqueued.id), name, queue: enqueued.queueName };
  }
}
