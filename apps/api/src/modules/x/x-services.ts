import { AnalyticsRepository, XAnalyticsRepository, XQueryRepository, type Database } from '@streamscope/db';
import { XTrackedQueryService } from '@streamscope/ingestion';
import type { Queues } from '@streamscope/queues';
import { CrossPlatformService } from '../cross-platform/cross-platform.service';
import { XService } from './x.service';

/** The X and cross-platform services over one database (and the queues for "fetch now"). */
export function createXServices(db: Database, queues: Queues | null): { x: XService; crossPlatform: CrossPlatformService } {
  const xAnalytics = new XAnalyticsRepository(db);
  const queries = new XQueryRepository(db);
  return {
    x: new XService(xAnalytics, queries, new XTrackedQueryService(queries), queues),
    crossPlatform: new CrossPlatformService(new AnalyticsRepository(db), xAnalytics, queries),
  };
}
