import type { AppConfig } from '@streamscope/config';
import type { HelixClient } from '@streamscope/connectors';
import type {
  Database,
  DimensionRepository,
  IngestionRunRepository,
  MaintenanceRepository,
  SweepRepository,
} from '@streamscope/db';
import type { Queues } from '@streamscope/queues';
import type { Logger } from '@streamscope/telemetry';

/** Everything a processor may use; built once by the worker runtime. */
export interface WorkerContext {
  config: AppConfig;
  logger: Logger;
  db: Database;
  sweeps: SweepRepository;
  dimensions: DimensionRepository;
  maintenance: MaintenanceRepository;
  runs: IngestionRunRepository;
  helix: HelixClient;
  queues: Queues;
  /** True when Twitch answers come from the built-in simulator (enables time-travel backfill). */
  simulated: boolean;
  /** Announces finished work (API subscribers refetch). */
  publish(event: PipelineEvent): Promise<void>;
}

export type PipelineEvent =
  | { type: 'sweep.completed'; ts: string; streams: number; status: 'complete' | 'partial' }
  | { type: 'run.finished'; job: string; status: string };

/** What a processor returns: shown in Bull Board as the job's return value. */
export interface RunOutcome {
  status: 'succeeded' | 'skipped';
  reason: string;
  apiCalls?: number;
  pages?: number;
  rowsWritten?: number;
  duplicatesDropped?: number;
  rateLimitRemaining?: number | null;
}
