import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import client from 'prom-client';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DASHBOARD = join(ROOT, 'infra/observability/grafana-dashboard.json');
const ALERTS = join(ROOT, 'infra/observability/prometheus-alerts.yml');

/**
 * Specified in providers.md §0 but registered only once the provider clients land; listed here so
 * the dashboard and alerts can ship ahead of them. Remove a name when the code registers it.
 */
const PENDING_METRICS = [
  'external_requests_total',
  'external_request_duration_seconds',
  'circuit_breaker_state',
];

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
]);

/** Metric names the code registers through the observability helpers, found by scanning the source. */
function registeredMetricNames(): Set<string> {
  const names = new Set<string>();
  const pattern = /\b(?:counter|gauge|histogram)(?:<[^>]*>)?\(\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g;
  for (const base of ['apps', 'packages']) {
    for (const app of readdirSync(join(ROOT, base))) {
      for (const file of sourceFiles(join(ROOT, base, app, 'src'))) {
        for (const match of readFileSync(file, 'utf8').matchAll(pattern)) names.add(match[1] ?? '');
      }
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The Node runtime metrics prom-client's collectDefaultMetrics registers (heap, RSS, event loop, GC). */
function defaultMetricNames(): Set<string> {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return new Set(registry.getMetricsAsArray().map((metric) => metric.name));
}

/** Metric names in a PromQL expression: identifiers outside label matchers, ranges and calls. */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const match of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (!name || call || PROMQL_WORDS.has(name.toLowerCase())) continue;
    names.push(name);
  }
  return names;
}

/** A histogram's series carry `_bucket`, `_sum` and `_count` after the registered name. */
function baseName(series: string, known: Set<string>): string {
  if (known.has(series)) return series;
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return known.has(base) ? base : series;
}

/** The `expr:` values of the alert rules (inline or `|` blocks), read without a YAML parser. */
function alertExpressions(text: string): string[] {
  const expressions: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, indent = '', rest = ''] = match;
    if (rest.trim() !== '|') {
      expressions.push(rest);
      return;
    }
    const block: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() && next.length - next.trimStart().length <= indent.length) break;
      block.push(next.trim());
    }
    expressions.push(block.join(' '));
  });
  return expressions;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: { expr: string; refId: string }[];
}

const known = new Set([...registeredMetricNames(), ...defaultMetricNames(), ...PENDING_METRICS]);

describe('operations assets', () => {
  it('finds the metrics the code registers', () => {
    for (const name of ['http_server_request_duration_seconds', 'queue_jobs', 'db_pool_connections']) {
      expect(known).toContain(name);
    }
    expect(metricNamesIn('sum by (le) (rate(a_total{x="y"}[5m])) / max(b) > 2')).toEqual(['a_total', 'b']);
  });

  it('ships a Grafana dashboard whose queries use only known metrics', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
    expect(dashboard.uid).toBeTruthy();
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);

    const used = new Set<string>();
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        for (const name of metricNamesIn(target.expr)) used.add(baseName(name, known));
      }
    }
    expect([...used].filter((name) => !known.has(name))).toEqual([]);
    for (const required of [
      'http_server_request_duration_seconds',
      'http_server_requests_total',
      'db_query_duration_seconds',
      'db_pool_connections',
      'cache_requests_total',
      'queue_jobs',
      'queue_job_duration_seconds',
      'external_request_duration_seconds',
      'circuit_breaker_state',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
    ]) {
      expect(used).toContain(required);
    }
  });

  it('ships alert rules over known metrics for every threshold of platform.md §8', () => {
    const expressions = alertExpressions(readFileSync(ALERTS, 'utf8'));
    expect(expressions).toHaveLength(8);
    const used = new Set(expressions.flatMap(metricNamesIn).map((name) => baseName(name, known)));
    expect([...used].filter((name) => !known.has(name))).toEqual([]);
    for (const required of [
      'http_server_requests_total',
      'http_server_request_duration_seconds',
      'queue_jobs',
      'db_slow_queries_total',
      'cache_requests_total',
      'circuit_breaker_state',
      'outbox_relay_lag_seconds',
    ]) {
      expect(used).toContain(required);
    }
  });
});
