import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';

/** Turns autocannon results into the one table the runner prints and the JSON file it keeps. */

export interface Measurement {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Requests answered 2xx, and every other status code with its count. */
  ok: number;
  statusCodes: Record<string, number>;
  /** Socket errors and timeouts (no HTTP answer at all). */
  errors: number;
  timeouts: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  measures: string;
  ours: Measurement;
  baseline: Measurement;
}

export interface BenchReport {
  startedAt: string;
  settings: { durationSeconds: number; connections: number; warmupSeconds: number; deepPage: number };
  machine: { node: string; platform: string; cpus: number };
  data: Record<string, number>;
  notes: string[];
  scenarios: ScenarioResult[];
  ratios: {
    oursOverBaseline: Record<string, number | null>;
    deepOverFirstP50: Record<string, number | null>;
  };
}

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export function toMeasurement(result: autocannon.Result): Measurement {
  const stats =
    (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok: result['2xx'],
    statusCodes: Object.fromEntries(Object.entries(stats).map(([code, stat]) => [code, stat.count])),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Healthy when every answer was 2xx and nothing failed at the socket level. */
export function isClean(m: Measurement): boolean {
  return m.ok > 0 && m.ok === m.requests && m.errors === 0;
}

/** `ok`, or what went wrong: the dominant non-2xx status with its share, socket errors. */
export function statusOf(m: Measurement): string {
  if (isClean(m)) return 'ok';
  const parts: string[] = [];
  const failures = Object.entries(m.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .sort((a, b) => b[1] - a[1]);
  const worst = failures[0];
  if (worst && m.requests > 0) parts.push(`${worst[0]} ${Math.round((worst[1] / m.requests) * 100)}%`);
  if (m.errors > 0) parts.push(`${m.errors} err`);
  if (parts.length === 0) parts.push('no answer');
  return parts.join(', ');
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function computeRatios(results: ScenarioResult[]): BenchReport['ratios'] {
  const oursOverBaseline = Object.fromEntries(
    results.map((r) => [
      r.id,
      isClean(r.ours) && isClean(r.baseline) ? ratio(r.ours.requestsPerSec, r.baseline.requestsPerSec) : null,
    ]),
  );
  const first = results.find((r) => r.id === 'feed-first');
  const deep = results.find((r) => r.id === 'feed-deep');
  const deepOverFirst = (target: 'ours' | 'baseline') =>
    first && deep && isClean(first[target]) && isClean(deep[target])
      ? ratio(deep[target].p50Ms, first[target].p50Ms)
      : null;
  return {
    oursOverBaseline,
    deepOverFirstP50: { ours: deepOverFirst('ours'), baseline: deepOverFirst('baseline') },
  };
}

const fixed = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));

function cells(m: Measurement): string[] {
  return [Math.round(m.requestsPerSec).toString(), fixed(m.p50Ms, 1), fixed(m.p99Ms, 1), statusOf(m)];
}

/** A plain-text table (aligned columns, markdown-compatible so it can be pasted into the docs). */
export function formatTable(results: ScenarioResult[], ratios: BenchReport['ratios']): string {
  const header = [
    'scenario',
    'ours req/s',
    'ours p50 ms',
    'ours p99 ms',
    'ours status',
    'base req/s',
    'base p50 ms',
    'base p99 ms',
    'base status',
    'ours/base',
  ];
  const rows = results.map((r) => [
    r.title,
    ...cells(r.ours),
    ...cells(r.baseline),
    fixed(ratios.oursOverBaseline[r.id] ?? null),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatSummary(report: BenchReport): string {
  const { deepOverFirstP50 } = report.ratios;
  const lines = [
    formatTable(report.scenarios, report.ratios),
    '',
    `deep page (page ${report.settings.deepPage}) p50 / first page p50: ours ${fixed(deepOverFirstP50.ours ?? null)}, baseline ${fixed(deepOverFirstP50.baseline ?? null)}`,
    `${report.settings.durationSeconds} s per scenario, ${report.settings.connections} connections, ${report.machine.cpus} CPUs, Node ${report.machine.node}`,
  ];
  if (report.notes.length > 0) lines.push('', 'notes:', ...report.notes.map((note) => `  - ${note}`));
  return lines.join('\n');
}

/** Writes `results/bench-<timestamp>.json` (the folder is git-ignored) and returns its path. */
export async function writeReport(report: BenchReport, directory = RESULTS_DIR): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
