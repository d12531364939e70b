import { useQuery } from '@apollo/client/react';
import { Navigate, Route, Routes } from 'react-router';
import { OverviewPage } from './features/overview/overview.page';
import { REFRESH_MS } from './features/overview/viewers-by-game.card';
import { useTheme } from './hooks/use-theme';
import { useTimeRangeParams } from './hooks/use-time-range-params';
import { AppFooter } from './layout/app-footer';
import { AppHeader } from './layout/app-header';
import { SimulatedBanner } from './layout/simulated-banner';
import { SystemInfoQuery } from './layout/system-info.queries';

export function App() {
  const range = useTimeRangeParams({ slideEveryMs: REFRESH_MS });
  const { theme, toggle } = useTheme();
  const { data: system } = useQuery(SystemInfoQuery, { pollInterval: REFRESH_MS });
  const info = system?.systemInfo;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader range={range} theme={theme} onToggleTheme={toggle} />
      {info?.twitchSource === 'SIMULATED' ? <SimulatedBanner /> : null}
      <Routes>
        <Route index element={<OverviewPage range={range} sweepIntervalSeconds={info?.sweepIntervalSeconds} />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      <AppFooter info={info} timeZone={range.timeZone} />
    </div>
  );
}
