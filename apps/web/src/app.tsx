import { lazy, Suspense } from 'react';
import { useQuery } from '@apollo/client/react';
import { Navigate, Route, Routes } from 'react-router';
import { OverviewPage } from './features/overview/overview.page';
import { REFRESH_MS } from './features/overview/viewers-by-game.card';
import { useLiveRefresh } from './hooks/use-live-refresh';
import { useTheme } from './hooks/use-theme';
import { useTimeRangeParams } from './hooks/use-time-range-params';
import { AppFooter } from './layout/app-footer';
import { AppHeader } from './layout/app-header';
import { SimulatedBanner } from './layout/simulated-banner';
import { SystemInfoQuery } from './layout/system-info.queries';

// Every page but the landing one loads on first visit, keeping the initial bundle small.
const GamesPage = lazy(() => import('./features/games/games.page').then((m) => ({ default: m.GamesPage })));
const GamePage = lazy(() => import('./features/games/game.page').then((m) => ({ default: m.GamePage })));
const ChannelsPage = lazy(() => import('./features/channels/channels.page').then((m) => ({ default: m.ChannelsPage })));
const ChannelPage = lazy(() => import('./features/channels/channel.page').then((m) => ({ default: m.ChannelPage })));
const LanguagesPage = lazy(() => import('./features/languages/languages.page').then((m) => ({ default: m.LanguagesPage })));
const HeatmapPage = lazy(() => import('./features/heatmap/heatmap.page').then((m) => ({ default: m.HeatmapPage })));
const PipelinePage = lazy(() => import('./features/pipeline/pipeline.page').then((m) => ({ default: m.PipelinePage })));
const XPage = lazy(() => import('./features/x/x.page').then((m) => ({ default: m.XPage })));
const AdminPage = lazy(() => import('./features/admin/admin.page').then((m) => ({ default: m.AdminPage })));

function PageLoading() {
  return (
    <main className="page" id="main" aria-busy="true">
      <p className="empty-note" role="status">
        Loading page…
      </p>
    </main>
  );
}

export function App() {
  const range = useTimeRangeParams({ slideEveryMs: REFRESH_MS });
  const { theme, toggle } = useTheme();
  useLiveRefresh();
  const { data: system } = useQuery(SystemInfoQuery, { pollInterval: REFRESH_MS });
  const info = system?.systemInfo;
  const sweep = info?.sweepIntervalSeconds;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader range={range} theme={theme} onToggleTheme={toggle} />
      {info?.twitchSource === 'SIMULATED' || info?.xSource === 'SIMULATED' ? <SimulatedBanner /> : null}
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route index element={<OverviewPage range={range} sweepIntervalSeconds={sweep} />} />
          <Route path="games" element={<GamesPage range={range} sweepIntervalSeconds={sweep} />} />
          <Route path="games/:id" element={<GamePage range={range} sweepIntervalSeconds={sweep} />} />
          <Route path="channels" element={<ChannelsPage range={range} />} />
          <Route path="channels/:login" element={<ChannelPage range={range} sweepIntervalSeconds={sweep} />} />
          <Route path="languages" element={<LanguagesPage range={range} sweepIntervalSeconds={sweep} />} />
          <Route path="heatmap" element={<HeatmapPage range={range} sweepIntervalSeconds={sweep} />} />
          <Route path="x" element={<XPage range={range} />} />
          <Route path="pipeline" element={<PipelinePage range={range} />} />
          <Route path="settings" element={<AdminPage range={range} />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
      <AppFooter info={info} timeZone={range.timeZone} />
    </div>
  );
}
