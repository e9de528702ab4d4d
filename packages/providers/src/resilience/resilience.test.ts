import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from '@storytime/observability';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  breakerStates,
  CircuitOpenError,
  createProviderClient,
  isTransient,
  type ProviderClientOptions,
  ProviderHttpError,
  ProviderNetworkError,
  ProviderTimeoutError,
  parseRetryAfter,
  resetCircuitBreakers,
} from './index';

function fakeClock() {
  const clock = {
    t: 1_000_000,
    delays: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.delays.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

/** A fetch answering the given statuses in order (the last one repeats), counting calls. */
function scriptedFetch(statuses: (number | Error)[], headers: Record<string, string> = {}) {
  const calls: string[] = [];
  const fetch = (async (url: string | URL) => {
    calls.push(String(url));
    const next = statuses[Math.min(calls.length, statuses.length) - 1]!;
    if (next instanceof Error) throw next;
    return new Response(next === 204 ? null : JSON.stringify({ n: calls.length }), { status: next, headers });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

async function metric(name: string, labels: Record<string, string>, series = name): Promise<number> {
  const found = registry.getSingleMetric(name);
  if (!found) return 0;
  const { values } = await found.get();
  return values
    .filter(
      (v) =>
        (v as { metricName?: string }).metricName === undefined ||
        (v as { metricName?: string }).metricName === series,
    )
    .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

let clock: ReturnType<typeof fakeClock>;
let n = 0;

function client(overrides: Partial<ProviderClientOptions> & Pick<ProviderClientOptions, 'fetch'>) {
  n += 1;
  return createProviderClient({
    provider: `test-${n}`,
    timeoutMs: 200,
    retry: { attempts: 3, baseMs: 1000, capMs: 8000, jitter: 0 },
    breaker: { failures: 3, openMs: 60_000 },
    now: clock.now,
    sleep: clock.sleep,
    ...overrides,
  });
}

beforeEach(() => {
  clock = fakeClock();
  resetCircuitBreakers();
});

describe('policy', () => {
  it('computes min(cap, base × 2^(n−1)) plus jitter', () => {
    const policy = { baseMs: 1000, capMs: 8000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay({ ...policy, jitter: 0 }, a))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay({ ...policy, jitter: 'percent25' }, 2, { random: () => 0.999999 })).toBe(2500);
    expect(backoffDelay({ ...policy, jitter: 'ms500' }, 1, { random: () => 0.5 })).toBe(1250);
    expect(backoffDelay({ ...policy, jitter: 0.5 }, 1, { random: () => 1 })).toBe(1500);
    expect(backoffDelay({ ...policy, jitter: 0 }, 1, { baseFactor: 2 })).toBe(2000);
  });

  it('lets a Retry-After up to 30 s override the backoff', () => {
    const policy = { baseMs: 1000, capMs: 8000, jitter: 0 };
    expect(backoffDelay(policy, 1, { retryAfterMs: 30_000 })).toBe(30_000);
    expect(backoffDelay(policy, 1, { retryAfterMs: 30_001 })).toBe(1000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('knows which failures are transient', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isTransient(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(isTransient(status)).toBe(false);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isTransient(new TypeError('fetch failed', { cause: reset }))).toBe(true);
    expect(isTransient(new DOMException('timed out', 'TimeoutError'))).toBe(true);
    expect(isTransient(new ProviderHttpError('x', 'op', 503))).toBe(true);
    expect(isTransient(new ProviderHttpError('x', 'op', 400))).toBe(false);
    expect(isTransient(new ProviderTimeoutError('x', 'op', 10))).toBe(true);
    expect(isTransient(new Error('boom'))).toBe(false);
  });
});

describe('createProviderClient', () => {
  it('retries transient statuses with backoff and returns the 2xx response', async () => {
    const { fetch, calls } = scriptedFetch([503, 500, 200]);
    const api = client({ fetch });
    const response = await api.request('op', 'http://fake/x');
    expect(await response.json()).toEqual({ n: 3 });
    expect(calls).toHaveLength(3);
    expect(clock.delays).toEqual([1000, 2000]);
    expect(api.breakerState()).toBe('closed');
  });

  it('retries a body that stalls, and passes a 204 through', async () => {
    let calls = 0;
    const fetch = (async (_url: string | URL, init?: RequestInit) => {
      calls += 1;
      if (calls === 1) {
        const stalled = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"partial":'));
            init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
          },
        });
        return new Response(stalled, { status: 200 });
      }
      return new Response('{"ok":true}', { status: 200 });
    }) as typeof globalThis.fetch;
    const response = await client({ fetch }).request('op', 'http://fake/x');
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toBe(2);
    const empty = scriptedFetch([204]);
    expect((await client({ fetch: empty.fetch }).request('op', 'http://fake/x')).status).toBe(204);
  });

  it('reads the body inside the attempt when asked', async () => {
    const { fetch } = scriptedFetch([502, 200]);
    expect(await client({ fetch }).request('op', 'http://fake/x', undefined, (r) => r.json())).toEqual({
      n: 2,
    });
  });

  it('ends with PROVIDER_UNAVAILABLE when transient failures outlast the attempts', async () => {
    const { fetch, calls } = scriptedFetch([503]);
    const error = await client({ fetch })
      .request('op', 'http://fake/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect(error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      statusCode: 503,
      status: 503,
      retryable: true,
    });
    expect(calls).toHaveLength(3);
  });

  it('never retries other 4xx, which end as PROVIDER_ERROR', async () => {
    const { fetch, calls } = scriptedFetch([401]);
    const error = await client({ fetch })
      .request('op', 'http://fake/x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', statusCode: 502, status: 401 });
    expect(calls).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });

  it('obeys Retry-After and doubles the base after a 429 when asked', async () => {
    const withHeader = scriptedFetch([429, 200], { 'retry-after': '7' });
    await client({ fetch: withHeader.fetch }).request('op', 'http://fake/x');
    expect(clock.delays).toEqual([7000]);

    clock.delays.length = 0;
    const doubled = scriptedFetch([429, 429, 200]);
    await client({
      fetch: doubled.fetch,
      retry: { attempts: 3, baseMs: 1000, capMs: 10_000, jitter: 0, doubleFor429: true },
    }).request('op', 'http://fake/x');
    expect(clock.delays).toEqual([2000, 4000]);
  });

  it('turns connection failures into PROVIDER_UNAVAILABLE after retrying them', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const api = client({ fetch: globalThis.fetch, retry: { attempts: 2, baseMs: 10, capMs: 10, jitter: 0 } });
    const error = await api.request('op', `http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderNetworkError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(clock.delays).toEqual([10]);
  });

  it('times out an attempt even when the work ignores its signal', async () => {
    const api = client({ fetch: globalThis.fetch, retry: { attempts: 2, baseMs: 1, capMs: 1, jitter: 0 } });
    const provider = api.provider;
    const before = await metric('external_requests_total', { provider, outcome: 'timeout' });
    const error = await api.call('slow', () => new Promise(() => {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((await metric('external_requests_total', { provider, outcome: 'timeout' })) - before).toBe(2);
  });

  it('stops at once when the caller aborts, without judging the provider', async () => {
    const api = client({ fetch: globalThis.fetch, timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = api.call(
      'op',
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      {
        signal: controller.signal,
      },
    );
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(api.breakerState()).toBe('closed');
  });

  it('wraps unexpected errors of the work as PROVIDER_ERROR without retrying', async () => {
    let calls = 0;
    const api = client({ fetch: globalThis.fetch });
    const error = await api
      .call('op', async () => {
        calls += 1;
        throw new Error('bug');
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(calls).toBe(1);
  });
});

describe('circuit breaker', () => {
  it('opens after N failed calls, fails fast without sending, then lets one probe through', async () => {
    const { fetch, calls } = scriptedFetch([500]);
    const api = client({ fetch, retry: { attempts: 2, baseMs: 1, capMs: 1, jitter: 0 } });
    for (let i = 0; i < 3; i += 1)
      await expect(api.request('op', 'http://fake/')).rejects.toThrow(ProviderHttpError);
    expect(calls).toHaveLength(6);
    expect(api.breakerState()).toBe('open');
    expect(breakerStates()[api.provider]).toBe('open');
    expect(await metric('circuit_breaker_state', { provider: api.provider })).toBe(2);

    const before = await metric('external_requests_total', {
      provider: api.provider,
      outcome: 'short_circuit',
    });
    const error = await api.request('op', 'http://fake/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', statusCode: 503 });
    expect(calls).toHaveLength(6);
    expect(
      (await metric('external_requests_total', { provider: api.provider, outcome: 'short_circuit' })) -
        before,
    ).toBe(1);

    clock.t += 60_000;
    expect(api.breakerState()).toBe('half-open');
    expect(await metric('circuit_breaker_state', { provider: api.provider })).toBe(1);
    // A failed probe (after its own retries) re-opens it for another period.
    await expect(api.request('op', 'http://fake/')).rejects.toThrow(ProviderHttpError);
    expect(api.breakerState()).toBe('open');
  });

  it('lets a single probe through while half-open; its success closes the breaker', async () => {
    let release: (() => void) | undefined;
    const api = client({
      fetch: globalThis.fetch,
      timeoutMs: 5000,
      retry: { attempts: 1, baseMs: 1, capMs: 1, jitter: 0 },
    });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        api.call('op', async () => Promise.reject(new ProviderHttpError(api.provider, 'op', 503))),
      ).rejects.toThrow();
    }
    clock.t += 60_000;
    const probe = api.call('op', () => new Promise<string>((resolve) => (release = () => resolve('ok'))));
    await expect(api.call('op', async () => 'second')).rejects.toBeInstanceOf(CircuitOpenError);
    release?.();
    await expect(probe).resolves.toBe('ok');
    expect(api.breakerState()).toBe('closed');
    expect(await metric('circuit_breaker_state', { provider: api.provider })).toBe(0);
  });

  it('does not count answers blaming our input (400, 404, 422)', async () => {
    const { fetch, calls } = scriptedFetch([400, 404, 422, 400, 404, 422]);
    const api = client({ fetch });
    for (let i = 0; i < 6; i += 1)
      await expect(api.request('op', 'http://fake/')).rejects.toThrow(ProviderHttpError);
    expect(calls).toHaveLength(6);
    expect(api.breakerState()).toBe('closed');
  });

  it('is shared by the clients of one provider, and absent when disabled', async () => {
    const failing = scriptedFetch([401]);
    const options: ProviderClientOptions = {
      provider: 'shared',
      timeoutMs: 100,
      retry: { attempts: 1, baseMs: 1, capMs: 1, jitter: 0 },
      breaker: { failures: 2, openMs: 1000 },
      fetch: failing.fetch,
      now: clock.now,
    };
    const first = createProviderClient(options);
    const second = createProviderClient(options);
    await expect(first.request('a', 'http://fake/')).rejects.toThrow();
    await expect(second.request('b', 'http://fake/')).rejects.toThrow();
    expect(first.breakerState()).toBe('open');
    expect(second.breakerState()).toBe('open');

    const none = client({
      fetch: failing.fetch,
      breaker: false,
      retry: { attempts: 1, baseMs: 1, capMs: 1, jitter: 0 },
    });
    for (let i = 0; i < 5; i += 1)
      await expect(none.request('op', 'http://fake/')).rejects.toThrow(ProviderHttpError);
    expect(none.breakerState()).toBe('closed');
    expect(breakerStates()[none.provider]).toBeUndefined();
  });
});

describe('metrics', () => {
  it('counts every attempt by outcome and observes its duration', async () => {
    const { fetch } = scriptedFetch([503, 200]);
    const api = client({ fetch });
    const labels = { provider: api.provider, operation: 'op' };
    await api.request('op', 'http://fake/');
    expect(await metric('external_requests_total', { ...labels, outcome: 'error' })).toBe(1);
    expect(await metric('external_requests_total', { ...labels, outcome: 'success' })).toBe(1);
    expect(
      await metric('external_request_duration_seconds', labels, 'external_request_duration_seconds_count'),
    ).toBe(2);
  });
});
