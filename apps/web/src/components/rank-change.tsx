interface Props {
  change: number | null | undefined;
}

/** rankChange is rank − previousRank: negative means the entry climbed. */
export function RankChange({ change }: Props) {
  if (change === null || change === undefined) {
    return (
      <span className="rank-change rank-change--new" title="Not ranked in the previous period">
        new
      </span>
    );
  }
  if (change === 0) {
    return (
      <span className="rank-change rank-change--same" aria-label="Same rank as the previous period">
        =
      </span>
    );
  }
  const up = change < 0;
  return (
    <span
      className={`rank-change ${up ? 'rank-change--up' : 'rank-change--down'}`}
      aria-label={`${up ? 'Up' : 'Down'} ${Math.abs(change)} since the previous period`}
    >
      {up ? '▲' : '▼'} {Math.abs(change)}
    </span>
  );
}
