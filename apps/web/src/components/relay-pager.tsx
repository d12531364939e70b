interface Props {
  from: number;
  to: number;
  total: number;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious(): void;
  onNext(): void;
  label: string;
}

export function RelayPager({ from, to, total, canPrevious, canNext, onPrevious, onNext, label }: Props) {
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span className="pager__info" data-testid="pager-info">
        {from}–{to} of {total.toLocaleString('en-US')}
      </span>
      <button type="button" className="button" onClick={onPrevious} disabled={!canPrevious}>
        Previous
      </button>
      <button type="button" className="button" onClick={onNext} disabled={!canNext}>
        Next
      </button>
    </nav>
  );
}
