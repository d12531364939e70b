/** Command-line options of `npm run bench`. Scale multiplies every dataset's channel count. */
export interface BenchOptions {
  quick: boolean;
  scale: number;
  /** Figures to run (1-6); all by default. */
  only: Set<number>;
  seed: number;
  /** Write bench/results and BENCHMARKS.md. */
  write: boolean;
  /** Load history-30d with this many days (30 unless testing the tool itself). */
  days: number;
  embedded: boolean;
}

export const QUICK_SCALE = 0.05;
export const QUICK_DAYS = 7;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const opts: BenchOptions = { quick: false, scale: 1, only: new Set([1, 2, 3, 4, 5, 6]), seed: 42, write: true, days: 30, embedded: true };
  let scaleGiven = false;
  let daysGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--scale') {
      opts.scale = Number(value());
      scaleGiven = true;
    } else if (a === '--only') opts.only = new Set(value().split(',').map(Number));
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--days') {
      opts.days = Number(value());
      daysGiven = true;
    }
    else if (a === '--no-write') opts.write = false;
    else if (a === '--no-embedded') opts.embedded = false;
    else throw new Error(`unknown option ${a} (use --quick, --scale N, --only 1,3, --seed N, --days N, --no-write, --no-embedded)`);
  }
  if (opts.quick && !scaleGiven) opts.scale = QUICK_SCALE;
  // Thirty days of sweeps every ten minutes is 4,320 writeSweep calls, too many for 5 minutes.
  if (opts.quick && !daysGiven) opts.days = QUICK_DAYS;
  if (!(opts.scale > 0 && opts.scale <= 1)) throw new Error('--scale must be in (0, 1]');
  if (!Number.isInteger(opts.days) || opts.days < 2 || opts.days > 30) throw new Error('--days must be an integer in [2, 30]');
  return opts;
}
