import type { AppConfig } from '@streamscope/config';
import type { HelixClient, XClient } from '@streamscope/connectors';
import type {
  Database,
  DimensionRepository,
  IngestionRunRepository,
  MaintenanceRepository,
  SweepRepository,
  XCountsRepository,
  XPostRepository,
  XQueryRepository,
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
  /** null when the runtime was started without an X source: X jobs then skip. */
  x: XClient | null;
  /** True when X answers come from the built-in simulator (auto-tracking uses its hashtags). */
  xSimulated: boolean;
  xQueries: XQueryRepository;
  xCounts: XCountsRepository;
  xPosts: XPostRepository;
  queues: Queues;
  /** True when Twitch answers come from the built-in simulator (enables time-travel backfill). */
  simulated: boolean;
  /** The workers' job lock duration (LOCK_DURATION_MS when absent): a run older than this whose job holds no lock is dead. */
  lockDurationMs?: number;
  /** Clock of the X jobs (tests drive it with the simulator's); Date.now when absent. */
  now?: () => number;
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
  /** Billed units the run consumed (X: posts read); recorded as ingestion_runs.cost_units. */
  costUnits?: number;
}

/**
 * A run that failed after doing part of its work: the run record keeps what was spent (posts
 * read are billed whether or not the run finished), and the job still fails and retries.
 */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
  constructor(
    message: string,
    readonly partial: Omit<RunOutcome, 'status' | 'reason'>,
  ) {
    super(message);
  }
}
