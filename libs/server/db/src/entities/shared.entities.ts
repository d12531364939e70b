import { defineEntity } from './define';

export interface IngestionRunRow {
  id: string;
  source: string;
  job: string;
  jobId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: 'running' | 'succeeded' | 'failed' | 'skipped';
  apiCalls: number | null;
  pages: number | null;
  rowsWritten: string | null;
  duplicatesDropped: number | null;
  rateLimitRemaining: number | null;
  costUnits: number | null;
  error: string | null;
}
export const IngestionRunEntity = defineEntity<IngestionRunRow>('ingestion_runs', {
  id: ['bigint', { pk: true }],
  source: ['text'],
  job: ['text'],
  jobId: ['text', { nullable: true }],
  startedAt: ['timestamptz'],
  finishedAt: ['timestamptz', { nullable: true }],
  status: ['text'],
  apiCalls: ['int', { nullable: true }],
  pages: ['int', { nullable: true }],
  rowsWritten: ['bigint', { nullable: true }],
  duplicatesDropped: ['int', { nullable: true }],
  rateLimitRemaining: ['int', { nullable: true }],
  costUnits: ['double precision', { nullable: true }],
  error: ['text', { nullable: true }],
});

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
export const ApiKeyEntity = defineEntity<ApiKey>('api_keys', {
  id: ['bigint', { pk: true }],
  name: ['text'],
  prefix: ['text'],
  hash: ['text'],
  scopes: ['text', { array: true }],
  createdAt: ['timestamptz'],
  lastUsedAt: ['timestamptz', { nullable: true }],
  revokedAt: ['timestamptz', { nullable: true }],
});
