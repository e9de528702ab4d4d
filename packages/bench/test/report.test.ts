import { describe, expect, it } from 'vitest';
import { computeRatios, formatTable, type Measurement, type ScenarioResult, statusOf } from '../src/report';

const clean = (requestsPerSec: number, p50Ms: number): Measurement => ({
  requestsPerSec,
  p50Ms,
  p99Ms: p50Ms * 3,
  requests: 1000,
  ok: 1000,
  statusCodes: { '200': 1000 },
  errors: 0,
  timeouts: 0,
});

const notFound: Measurement = {
  ...clean(5000, 1),
  ok: 0,
  statusCodes: { '404': 1000 },
};

function scenario(id: string, ours: Measurement, baseline: Measurement): ScenarioResult {
  return { id, title: id, measures: '', ours, baseline };
}

describe('report', () => {
  it('reports a route that answers non-2xx by its status instead of as a result', () => {
    expect(statusOf(clean(100, 1))).toBe('ok');
    expect(statusOf(notFound)).toBe('404 100%');
    expect(statusOf({ ...clean(100, 1), ok: 900, statusCodes: { '200': 900, '401': 100 } })).toBe('401 10%');
    expect(statusOf({ ...clean(0, 0), requests: 0, ok: 0, statusCodes: {}, errors: 12 })).toBe('12 err');
  });

  it('computes ours/baseline only for clean pairs, and the deep/first p50 ratio', () => {
    const results = [
      scenario('feed-first', clean(2000, 10), clean(4000, 5)),
      scenario('feed-deep', clean(1800, 12), clean(3600, 6)),
      scenario('categories', notFound, clean(100, 50)),
    ];
    const ratios = computeRatios(results);
    expect(ratios.oursOverBaseline).toEqual({ 'feed-first': 0.5, 'feed-deep': 0.5, categories: null });
    expect(ratios.deepOverFirstP50.ours).toBeCloseTo(1.2);
    expect(ratios.deepOverFirstP50.baseline).toBeCloseTo(1.2);

    const table = formatTable(results, ratios).split('\n');
    expect(table).toHaveLength(2 + results.length);
    expect(table[0]).toMatch(/^\| scenario +\| ours req\/s \|/);
    expect(table[4]).toContain('404 100%');
    expect(table[4]).toMatch(/— \|$/);
  });
});
