import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type RunningServer, startServer } from './child-protocol';
import { DEEP_PAGE, prepareContext } from './fixtures';
import { prepareBenchDatabase } from './generate';
import {
  type BenchReport,
  computeRatios,
  formatSummary,
  type ScenarioResult,
  toMeasurement,
  writeReport,
} from './report';
import { scaleFromArgs } from './scale';
import { buildScenarios, type RequestSpec } from './scenarios';

/**
 * `pnpm bench [--quick] [--force] [--only id,id]`: generates the data set when missing, starts our
 * API and the bare-Fastify baseline as child processes on 127.0.0.1, runs every scenario against
 * both with autocannon (ours first, then the baseline, never both at once), prints one table and
 * writes the JSON report into packages/bench/results/.
 */

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    only: { type: 'string' },
    stories: { type: 'string' },
    parents: { type: 'string' },
  },
});

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

// --quick is for smoke runs; explicit environment values win over both presets.
const settings = {
  durationSeconds: envNumber('BENCH_DURATION_S', values.quick ? 2 : 10),
  connections: envNumber('BENCH_CONNECTIONS', values.quick ? 10 : 50),
  warmupSeconds: envNumber('BENCH_WARMUP_S', values.quick ? 1 : 2),
  deepPage: DEEP_PAGE,
};

const log = (message: string) => process.stderr.write(`${message}\n`);

/** One autocannon run; the shared counter makes the rotation global across connections. */
function load(url: string, spec: RequestSpec, seconds: number): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url,
    connections: settings.connections,
    duration: seconds,
    method: spec.method,
    headers: spec.headers,
    requests: [
      {
        setupRequest: (request) => {
          const next = spec.next(n++);
          return { ...request, path: next.path, ...(next.body === undefined ? {} : { body: next.body }) };
        },
      },
    ],
  });
}

/** Warm-up (JIT, pools, caches, PostgreSQL buffers) is run and discarded before each measurement. */
async function measure(server: RunningServer, spec: RequestSpec) {
  await load(server.url, spec, settings.warmupSeconds);
  return toMeasurement(await load(server.url, spec, settings.durationSeconds));
}

function apiEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const runId = randomBytes(4).toString('hex');
  return {
    ...process.env,
    // Production behaviour (and no dev-only plugins), without the provider and OAuth settings.
    NODE_ENV: 'production',
    WEB_APP_BASE_URL: 'http://127.0.0.1',
    LOG_LEVEL: 'warn',
    DOCS_ENABLED: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: '20',
    // At saturation every query waits in line and would pass the 100 ms default: thousands of
    // "slow query" lines would flood the table and add logging work production does not do.
    DB_SLOW_QUERY_MS: '1000',
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    // Own prefixes: the run never reads or evicts a developer's cache, and the child deletes them at exit.
    CACHE_PREFIX: `st:bench:${runId}:`,
    QUEUE_PREFIX: `bull-bench-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Limits × 1,000,000: the limiter still runs (its cost is part of ours) but never answers 429.
    RATE_LIMIT_MULTIPLIER: '1000000',
    MEDIA_LOCAL_DIR: fileURLToPath(new URL('../.data/media', import.meta.url)),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  log('preparing storytime_bench …');
  const data = await prepareBenchDatabase({ force: values.force, scale: scaleFromArgs(values) });
  log(data.skipped ? 'data already generated' : `data generated in ${data.durationMs} ms`);

  const servers: RunningServer[] = [];
  const stopAll = () => Promise.all(servers.map((server) => server.stop()));
  try {
    const api = await startServer('api', './api-server.ts', apiEnv(data.url));
    servers.push(api);
    log(`api listening on ${api.url}; signing in and walking the feed to page ${DEEP_PAGE} …`);
    const { context, baselineTokens, notes } = await prepareContext(data.url, api.url);
    const baseline = await startServer('baseline', './baseline-server.ts', {
      ...process.env,
      DATABASE_URL: data.url,
      DB_POOL_MAX: '20',
      BASELINE_TOKENS: JSON.stringify(baselineTokens),
    });
    servers.push(baseline);

    const all = buildScenarios(context);
    const only = values.only?.split(',').map((id) => id.trim());
    const unknown = only?.filter((id) => !all.some((scenario) => scenario.id === id)) ?? [];
    if (unknown.length > 0) {
      throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.id).join(', ')}`);
    }
    const scenarios = all.filter((scenario) => !only || only.includes(scenario.id));
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      log(`${scenario.id}: ours …`);
      const ours = await measure(api, scenario.request('ours'));
      log(`${scenario.id}: baseline …`);
      const base = await measure(baseline, scenario.request('baseline'));
      results.push({
        id: scenario.id,
        title: scenario.title,
        measures: scenario.measures,
        ours,
        baseline: base,
      });
    }

    const report: BenchReport = {
      startedAt,
      settings,
      machine: {
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
      },
      data: data.counts,
      notes,
      scenarios: results,
      ratios: computeRatios(results),
    };
    console.log(`\n${formatSummary(report)}\n`);
    log(`results written to ${await writeReport(report)}`);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
