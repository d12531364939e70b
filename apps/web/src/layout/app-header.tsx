import { NavLink, useLocation } from 'react-router';
import type { TimeRangeControls as Controls } from '../hooks/use-time-range-params';
import type { Theme } from '../hooks/use-theme';
import { ThemeToggle } from './theme-toggle';
import { TimeRangeControls } from './time-range-controls';

interface Props {
  range: Controls;
  theme: Theme;
  onToggleTheme(): void;
}

export function AppHeader({ range, theme, onToggleTheme }: Props) {
  const { search } = useLocation();
  return (
    <header className="app-header">
      <div className="app-header__top">
        <a className="brand" href="/" aria-label="StreamScope home">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="var(--accent)" />
            <path d="M7 21l5-6 4 3 6-8 3 3" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="brand__name">StreamScope</span>
        </a>
        <nav className="nav" aria-label="Main">
          <NavLink to={{ pathname: '/', search }} end className="nav__link">
            Overview
          </NavLink>
        </nav>
        <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      </div>
      <TimeRangeControls range={range} />
    </header>
  );
}
