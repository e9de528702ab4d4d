import { gauge } from '@storytime/observability';

export type BreakerState = 'closed' | 'half-open' | 'open';

export interface BreakerSettings {
  /** Consecutive failed calls that open the breaker. */
  failures: number;
  /** How long it stays open before one probe call is let through. */
  openMs: number;
}

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Every breaker of the process by provider: the metric and `/health/full` read them all. */
const breakers = new Map<string, CircuitBreaker>();

const breakerGauge = gauge(
  'circuit_breaker_state',
  'Circuit breaker state per provider (0 closed, 1 half-open, 2 open)',
  ['provider'],
  // The open → half-open step happens by time passing, with no event to set the gauge on.
  function collect() {
    for (const breaker of breakers.values())
      this.set({ provider: breaker.provider }, STATE_VALUE[breaker.state]);
  },
);

/**
 * One breaker per provider and process (providers.md §0). It counts one outcome per logical call,
 * after that call's retries: `failures` consecutive failures open it for `openMs`, during which
 * calls fail at once; then one probe is let through (half-open) whose success closes it and whose
 * failure opens it again. Outcomes blaming our input are neutral.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(
    readonly provider: string,
    readonly settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {
    breakerGauge.set({ provider }, STATE_VALUE.closed);
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.settings.openMs ? 'half-open' : 'open';
  }

  /** Milliseconds until a probe may go out (0 unless open). */
  get retryInMs(): number {
    if (this.openedAt === null) return 0;
    return Math.max(0, this.openedAt + this.settings.openMs - this.now());
  }

  /**
   * Asks to send a call. True when closed, or when half-open and no other probe is in flight (the
   * caller is then the probe and must report its outcome).
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    this.publish();
    return true;
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.probing = false;
    this.publish();
  }

  failure(): void {
    this.probing = false;
    this.consecutiveFailures += 1;
    // A failed probe re-opens at once; a closed breaker opens at the threshold.
    if (this.openedAt !== null || this.consecutiveFailures >= this.settings.failures)
      this.openedAt = this.now();
    this.publish();
  }

  /** The call ended on our own input (400/404/422) or was abandoned by its caller. */
  neutral(): void {
    this.probing = false;
  }

  private publish(): void {
    breakerGauge.set({ provider: this.provider }, STATE_VALUE[this.state]);
  }
}

/**
 * The process's breaker for a provider, created on first use. Clients of one provider share it
 * (ElevenLabs cloning shares the TTS breaker); the first creator's settings and clock win.
 */
export function circuitBreakerFor(
  provider: string,
  settings: BreakerSettings,
  now: () => number = Date.now,
): CircuitBreaker {
  let breaker = breakers.get(provider);
  if (!breaker) {
    breaker = new CircuitBreaker(provider, settings, now);
    breakers.set(provider, breaker);
  }
  return breaker;
}

/** State of every provider breaker of this process, for `/health/full`. */
export function breakerStates(): Record<string, BreakerState> {
  const states: Record<string, BreakerState> = {};
  for (const [provider, breaker] of breakers) {
    states[provider] = breaker.state;
    breakerGauge.set({ provider }, STATE_VALUE[breaker.state]);
  }
  return states;
}

/** Forgets every breaker, so the next client starts closed with its own clock. Tests only. */
export function resetCircuitBreakers(): void {
  for (const provider of breakers.keys()) breakerGauge.set({ provider }, STATE_VALUE.closed);
  breakers.clear();
}
