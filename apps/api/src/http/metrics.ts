import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Router } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface PipelineGauges {
  /** Seconds since the newest stored sweep, or null before the first. */
  ingestionLagSeconds(): Promise<number | null>;
  /** Finished runs by job and status. */
  runCounts(): Promise<Array<{ job: string; status: string; count: number }>>;
}

/** Prometheus metrics of the API process: request latency by operation, errors, pipeline state. */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requestDuration: Histogram<'operation' | 'status'>;
  readonly errors: Counter<'code'>;

  constructor(pipeline: PipelineGauges) {
    collectDefaultMetrics({ register: this.registry, prefix: 'streamscope_' });
    this.requestDuration = new Histogram({
      name: 'streamscope_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation name',
      labelNames: ['operation', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'streamscope_graphql_errors_total',
      help: 'GraphQL errors by code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'streamscope_ingestion_lag_seconds',
      help: 'Seconds since the newest stored Twitch sweep (absent before the first)',
      registers: [this.registry],
      async collect() {
        const lag = await pipeline.ingestionLagSeconds();
        if (lag !== null) this.set(lag);
      },
    });
    new Gauge({
      name: 'streamscope_job_runs',
      help: 'Recorded job runs by job and outcome',
      labelNames: ['job', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await pipeline.runCounts()) this.set({ job: r.job, status: r.status }, r.count);
      },
    });
  }

  /** Times every operation; the label is the operation name (bounded: anonymous ones share one). */
  apolloPlugin(): ApolloServerPlugin {
    const { requestDuration, errors } = this;
    return {
      async requestDidStart() {
        const end = requestDuration.startTimer();
        let operation = 'anonymous';
        return {
          async didResolveOperation(ctx) {
            operation = (ctx.operationName ?? 'anonymous').slice(0, 64);
          },
          async didEncounterErrors(ctx) {
            for (const e of ctx.errors) errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          },
          async willSendResponse(ctx) {
            end({ operation, status: ctx.errors?.length ? 'error' : 'ok' });
          },
        };
      },
    };
  }

  router(): Router {
    const router = express.Router();
    router.get('/metrics', async (_req, res) => {
      res.setHeader('Content-Type', this.registry.contentType);
      res.send(await this.registry.metrics());
    });
    return router;
  }
}
