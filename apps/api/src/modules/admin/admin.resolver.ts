import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin } from '../../auth/principal';
import type { ApiContext } from '../../graphql/context';
import { ApiKey, CreateApiKeyInput, CreatedApiKey, EnqueuedJob, RunnableJob } from './admin.types';

@Resolver()
export class AdminResolver {
  @Query(() => [ApiKey], { description: 'Admin: every API key (prefixes only).' })
  apiKeys(@Ctx() ctx: ApiContext): Promise<ApiKey[]> {
    requireAdmin(ctx.principal);
    return ctx.services.admin.listApiKeys();
  }

  @Mutation(() => CreatedApiKey, { description: 'Admin: creates a key; the response is the only time the key is shown.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: ApiContext): Promise<CreatedApiKey> {
    requireAdmin(ctx.principal);
    return ctx.services.admin.createApiKey(input);
  }

  @Mutation(() => ApiKey, { description: 'Admin: revokes a key at once; later requests with it get 401.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<ApiKey> {
    requireAdmin(ctx.principal);
    return ctx.services.admin.revokeApiKey(id);
  }

  @Mutation(() => EnqueuedJob, { description: 'Admin: runs a job now, outside its schedule.' })
  runJob(@Arg('job', () => RunnableJob) job: RunnableJob, @Ctx() ctx: ApiContext): Promise<EnqueuedJob> {
    requireAdmin(ctx.principal);
    return ctx.services.admin.runJob(job);
  }
}
