import type { AppConfig } from '@streamscope/config';
import type { Database, SweepRepository } from '@streamscope/db';
import { SourceMode, StorageDialect } from '../../graphql/enums';
import { APP_VERSION } from '../../version';
import type { SweepIntervalSource } from './sweep-interval.service';
import type { SystemInfo } from './system.types';

export class SystemService {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly sweeps: SweepRepository,
    private readonly sweepInterval: SweepIntervalSource,
  ) {}

  async systemInfo(): Promise<SystemInfo> {
    const [info, latest, count, interval] = await Promise.all([
      this.db.info(),
      this.sweeps.latestSweep(),
      this.sweeps.countSweeps(),
      this.sweepInterval.seconds(),
    ]);
    return {
      version: APP_VERSION,
      dialect: info.dialect === 'timescaledb' ? StorageDialect.TIMESCALEDB : StorageDialect.POSTGRES,
      embedded: this.db.kind === 'embedded',
      postgresVersion: info.postgresVersion,
      timescaleVersion: info.timescaleVersion,
      twitchSource: this.config.twitchMode === 'live' ? SourceMode.LIVE : SourceMode.SIMULATED,
      xSource: this.config.xMode === 'live' ? SourceMode.LIVE : SourceMode.SIMULATED,
      sweepIntervalSeconds: interval,
      lastSweepAt: latest?.ts ?? null,
      sweepCount: count,
    };
  }
}
