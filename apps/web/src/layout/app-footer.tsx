import type { SystemInfoQuery } from '../gql/graphql';
import { formatDateTime } from '../lib/format';

interface Props {
  info: SystemInfoQuery['systemInfo'] | undefined;
  timeZone: string;
}

export function AppFooter({ info, timeZone }: Props) {
  return (
    <footer className="app-footer">
      <div className="app-footer__meta">
        {info ? (
          <>
            <span>StreamScope {info.version}</span>
            <span>
              {info.dialect === 'TIMESCALEDB' ? 'TimescaleDB' : 'PostgreSQL'}
              {info.embedded ? ' (embedded)' : ''} · Postgres {info.postgresVersion}
              {info.timescaleVersion ? ` · TimescaleDB ${info.timescaleVersion}` : ''}
            </span>
            <span>
              {info.sweepCount.toLocaleString('en-US')} sweeps every {info.sweepIntervalSeconds}s
              {info.lastSweepAt ? ` · last ${formatDateTime(info.lastSweepAt, timeZone)}` : ''}
            </span>
          </>
        ) : (
          <span>StreamScope</span>
        )}
      </div>
      <nav className="app-footer__links" aria-label="Tools">
        <a href="/graphql">GraphQL</a>
        <a href="/admin/queues">Bull Board</a>
      </nav>
    </footer>
  );
}
