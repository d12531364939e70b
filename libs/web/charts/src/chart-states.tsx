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
