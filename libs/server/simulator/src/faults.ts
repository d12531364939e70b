import { mulberry32 } from './rng';

export interface FaultSettings {
  /** Share of Helix calls answered with 500. */
  errorRate?: number;
  /** Added delay before every Helix answer. */
  latencyMs?: number;
  /** Share of Helix calls never answered (the client has to give up). */
  timeoutRate?: number;
  /** Share of successful Helix answers corrupted: invalid JSON or a field of the wrong type. */
  malformedRate?: number;
  /** The next n Helix calls answer 401 "Invalid OAuth token". */
  unauthorizedNext?: number;
  /** Drain the caller's rate-limit bucket on the next Helix call, so it gets 429 until refilled. */
  rateLimitExhaust?: boolean;
  /** Share of calls whose connection is reset (TCP RST) before any response byte. */
  resetBeforeResponseRate?: number;
  /** Share of successful answers cut off: headers and about half the body are sent, then the socket is destroyed. */
  resetMidBodyRate?: number;
  /** Share of successful answers whose headers go out at once and whose body then trickles. */
  slowBodyRate?: number;
  /** Slow body pacing: bytes per chunk (default 8). */
  slowBodyChunkBytes?: number;
  /** Slow body pacing: ms between chunks (default 200). */
  slowBodyIntervalMs?: number;
}

export type FaultKind =
  | 'latency'
  | 'error'
  | 'timeout'
  | 'malformed-json'
  | 'malformed-type'
  | 'unauthorized'
  | 'rate-limit-drain'
  | 'reset-before-response'
  | 'reset-mid-body'
  | 'slow-body';

/** How a successful answer is to be sent when a body fault hits it (see `FaultInjector.delivery`). */
export type BodyDelivery = { kind: 'reset-mid-body' } | { kind: 'slow-body'; chunkBytes: number; intervalMs: number };

const ROLL_RATES = { error: 'errorRate', timeout: 'timeoutRate', 'reset-before-response': 'resetBeforeResponseRate' } as const;

export interface FaultEvent {
  kind: FaultKind;
  path: string;
  /** For malformed-type: the JSON path of the corrupted field, e.g. `data[3].viewer_count`. */
  field?: string;
}

/**
 * Switchable per test. Decisions come from a seeded generator so a faulty run replays exactly
 * given the same sequence of calls.
 */
export class FaultInjector {
  private settings: FaultSettings = {};
  private rng: () => number;
  private revokeHandlers: (() => void)[] = [];
  readonly events: FaultEvent[] = [];

  constructor(private readonly seed: number) {
    this.rng = mulberry32(seed ^ 0x5eed);
  }

  set(settings: FaultSettings): void {
    this.settings = { ...this.settings, ...settings };
  }

  reset(): void {
    this.settings = {};
    this.rng = mulberry32(this.seed ^ 0x5eed);
    this.events.length = 0;
  }

  get current(): Readonly<FaultSettings> {
    return this.settings;
  }

  /** Invalidates every token issued so far (as if the app's secret were rotated). */
  revokeAllTokens(): void {
    for (const handler of this.revokeHandlers) handler();
  }

  onRevoke(handler: () => void): void {
    this.revokeHandlers.push(handler);
  }

  /** @internal decisions taken by the server, in request order */
  latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }

  takeUnauthorized(path: string): boolean {
    const n = this.settings.unauthorizedNext ?? 0;
    if (n <= 0) return false;
    this.settings.unauthorizedNext = n - 1;
    this.events.push({ kind: 'unauthorized', path });
    return true;
  }

  takeRateLimitDrain(path: string): boolean {
    if (!this.settings.rateLimitExhaust) return false;
    this.settings.rateLimitExhaust = false;
    this.events.push({ kind: 'rate-limit-drain', path });
    return true;
  }

  roll(kind: keyof typeof ROLL_RATES, path: string): boolean {
    if (!this.hits(this.settings[ROLL_RATES[kind]])) return false;
    this.events.push({ kind, path });
    return true;
  }

  /** For a successful answer: cut it mid-body, trickle it, or null to send it normally. */
  delivery(path: string): BodyDelivery | null {
    if (this.hits(this.settings.resetMidBodyRate)) {
      this.events.push({ kind: 'reset-mid-body', path });
      return { kind: 'reset-mid-body' };
    }
    if (this.hits(this.settings.slowBodyRate)) {
      this.events.push({ kind: 'slow-body', path });
      return {
        kind: 'slow-body',
        chunkBytes: Math.max(1, Math.floor(this.settings.slowBodyChunkBytes ?? 8)),
        intervalMs: Math.max(1, this.settings.slowBodyIntervalMs ?? 200),
      };
    }
    return null;
  }

  /** Draws only when the rate is set, so unrelated settings do not shift a seeded replay. */
  private hits(rate: number | undefined): boolean {
    return !!rate && this.rng() < rate;
  }

  /** Returns the corrupted body text, or null to leave the answer intact. */
  corrupt(path: string, body: unknown): string | null {
    if (!this.hits(this.settings.malformedRate)) return null;
    const data = (body as { data?: Record<string, unknown>[] }).data;
    if (this.rng() < 0.5 || !Array.isArray(data) || data.length === 0) {
      this.events.push({ kind: 'malformed-json', path });
      const text = JSON.stringify(body);
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    const index = Math.floor(this.rng() * data.length);
    const item = { ...data[index]! };
    // Flip the first numeric field to a string, else the first string field to a number.
    const numeric = Object.keys(item).find((k) => typeof item[k] === 'number');
    const key = numeric ?? Object.keys(item).find((k) => typeof item[k] === 'string') ?? 'id';
    item[key] = numeric ? String(item[key]) : 12345;
    const copy = { ...(body as object), data: data.map((d, k) => (k === index ? item : d)) };
    this.events.push({ kind: 'malformed-type', path, field: `data[${index}].${key}` });
    return JSON.stringify(copy);
  }
}
