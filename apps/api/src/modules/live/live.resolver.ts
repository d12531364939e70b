import { Root, Subscription, Resolver } from 'type-graphql';
import { PIPELINE_TOPIC } from './redis-pubsub';
import { PipelineEvent } from './live.types';

interface RawEvent {
  type?: unknown;
  ts?: unknown;
  streams?: unknown;
  job?: unknown;
  status?: unknown;
}

@Resolver()
export class LiveResolver {
  @Subscription(() => PipelineEvent, {
    topics: PIPELINE_TOPIC,
    description: 'Pipeline events (sweeps stored, runs finished) as the worker reports them.',
  })
  pipelineEvents(@Root() raw: RawEvent): PipelineEvent {
    // Events come from Redis: take only well-formed fields.
    const ts = typeof raw.ts === 'string' && !Number.isNaN(Date.parse(raw.ts)) ? new Date(raw.ts) : null;
    return {
      type: typeof raw.type === 'string' ? raw.type : 'unknown',
      ts,
      streams: typeof raw.streams === 'number' && Number.isInteger(raw.streams) ? raw.streams : null,
      job: typeof raw.job === 'string' ? raw.job : null,
      status: typeof raw.status === 'string' ? raw.status : 'unknown',
    };
  }
}
