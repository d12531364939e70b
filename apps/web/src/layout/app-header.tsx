import { Link, NavLink } from 'react-router';
import type { TimeRangeControls as Controls } from '../hooks/use-time-range-params';
import type { Theme } from '../hooks/use-theme';
import { useRangeSearch } from '../lib/range-link';
import { ThemeToggle } from './theme-toggle';
import { TimeRangeControls } from './time-range-controls';

interface Props {
  range: Controls;
  theme: Theme;
  onToggleTheme(): void;
}

// /settings, not /admin: the server keeps /admin/* for Bull Board and its login.
export const NAV_ITEMS = [
  { to: '/', label: 'Overview', end: true },
  { to: '/games', label: 'Games', end: false },
  { to: '/channels', label: 'Channels', end: false },
  { to: '/languages', label: 'Languages', end: false },
  { to: '/heatmap', label: 'When to stream', end: false },
  { to: '/x', label: 'X', end: false },
  { to: '/pipeline', label: 'Pipeline', end: false },
  { to: '/settings', label: 'Admin', end: false },
] as const;

export function AppHeader({ range, theme, onToggleTheme }: Props) {
  const search = useRangeSearch();
  return (
    <header className="app-header">
      <div className="app-header__top">
        <Link className="brand" to={{ pathname: '/', search }} aria-label="StreamScope home">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="var(--accent)" />
            <path d="M7 21l5-6 4 3 6-8 3 3" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="brand__name">StreamScope</span>
        </Link>
        <nav className="nav" aria-label="Main">
          {NAV_ITEMS.map((item) => (
            <NavLink key={item.to} to={{ pathname: item.to, search }} end={item.end} className="nav__link">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      </div>
      <TimeRangeControls range={range} />
    </header>
  );
}
