import type { RefObject } from 'react';
interface ChartSkeletonProps {
  height: number;
}

export function ChartSkeleton({ height }: ChartSkeletonProps) {
  return (
    <div className="ssc-skeleton" style={{ height }} role="status" aria-live="polite">
      <span className="ssc-visually-hidden">Loading chart…</span>
      <div className="ssc-skeleton__bars" aria-hidden="true">
        {Array.from({ length: 12 }, (_, i) => (
          <span key={i} style={{ height: `${30 + ((i * 37) % 55)}%` }} />
        ))}
      </div>
    </div>
  );
}

interface ChartEmptyProps {
  height: number;
  message: string;
}

export function ChartEmpty({ height, message }: ChartEmptyProps) {
  return (
    <div className="ssc-state ssc-state--empty" style={{ height }} role="status">
      <svg className="ssc-state__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 3v18h18" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        <path d="M7 14l3-3 3 2 5-6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2 2.5" />
      </svg>
      <p>{message}</p>
    </div>
  );
}

interface ChartErrorProps {
  height: number;
  message: string;
  onRetry?: () => void;
}

export function ChartError({ height, message, onRetry }: ChartErrorProps) {
  return (
    <div className="ssc-state ssc-state--error" style={{ height }} role="alert">
      <svg className="ssc-state__icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M12 7.5v5.5M12 16.5v.01" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="ssc-button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

function DownloadIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 2v8m0 0L5 7m3 3l3-3M3 12.5h10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

interface DownloadButtonsProps {
  onCsv: () => void;
  onPng: () => void;
  csvReady: boolean;
  pngReady: boolean;
}

/** CSV of the plotted data and PNG of the drawing, enabled once there is something to save. */
export function DownloadButtons({ onCsv, onPng, csvReady, pngReady }: DownloadButtonsProps) {
  return (
    <>
      <button type="button" className="ssc-button ssc-button--ghost" onClick={onCsv} disabled={!csvReady}>
        <DownloadIcon />
        CSV
      </button>
      <button type="button" className="ssc-button ssc-button--ghost" onClick={onPng} disabled={!pngReady}>
        <DownloadIcon />
        PNG
      </button>
    </>
  );
}

export type ChartState = 'loading' | 'empty' | 'error' | 'ready';

interface ChartBodyProps {
  state: ChartState;
  height: number;
  emptyMessage: string;
  errorMessage: string;
  onRetry: () => void;
  plotRef: RefObject<HTMLDivElement | null>;
  title: string;
}

/** The chart area in each state: skeleton, empty explanation, error with retry, or the plot. */
export function ChartBody({ state, height, emptyMessage, errorMessage, onRetry, plotRef, title }: ChartBodyProps) {
  if (state === 'loading') return <ChartSkeleton height={height} />;
  if (state === 'empty') return <ChartEmpty height={height} message={emptyMessage} />;
  if (state === 'error') return <ChartError height={height} message={errorMessage} onRetry={onRetry} />;
  return <div ref={plotRef} className="ssc-chart__plot" style={{ minHeight: height }} role="img" aria-label={title} />;
}
