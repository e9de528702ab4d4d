import { statfs } from 'node:fs/promises';
import { type Pool, pingDatabase } from '@storytime/db';
import { withTimeout } from '@storytime/observability';
import type { QueueProducer, Redis } from '@storytime/queue';

export type CheckStatus = 'up' | 'down' | 'degraded';
export interface CheckResult {
  status: CheckStatus;
  [detail: string]: unknown;
}

export interface HealthDeps {
  pool: Pool;
  redis: Redis;
  producer: QueueProducer;
  cachePrefix: string;
  mediaDir: string;
  isShuttingDown: () => boolean;
  /** Circuit-breaker state per provider (closed | half-open | open), when providers exist. */
  breakerStates: () => Record<string, string>;
}

/** Thresholds of platform.md §8 and the roadmap's queue health rule (§7.3). */
export const HEALTH_LIMITS = {
  databaseTimeoutMs: 2_000,
  redisTimeoutMs: 1_000,
  queueWaitingMax: 1_000,
  queueFailedMax: 100,
  heapUsedMaxBytes: 500 * 1024 * 1024,
  rssMaxBytes: 1024 * 1024 * 1024,
  diskUsedMaxRatio: 0.9,
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function createHealthService(deps: HealthDeps) {
  async function database(): Promise<CheckResult> {
    const result = await pingDatabase(deps.pool, HEALTH_LIMITS.databaseTimeoutMs);
    return { status: result.ok ? 'up' : 'down', responseTimeMs: result.responseTimeMs };
  }

  async function redis(): Promise<CheckResult> {
    const started = performance.now();
    try {
      const pong = await withTimeout(deps.redis.ping(), HEALTH_LIMITS.redisTimeoutMs, 'redis ping');
      const info = await withTimeout(deps.redis.info('memory'), HEALTH_LIMITS.redisTimeoutMs, 'redis info');
      const usedMemory = /used_memory_human:(\S+)/.exec(info)?.[1];
      return {
        status: pong === 'PONG' ? 'up' : 'down',
        responseTimeMs: Math.round(performance.now() - started),
        usedMemory,
      };
    } catch {
      return { status: 'down', responseTimeMs: Math.round(performance.now() - started) };
    }
  }

  /** worker-email verifies SMTP every 60 s and publishes the verdict; the API never opens SMTP. */
  async function smtp(): Promise<CheckResult> {
    try {
      const raw = await withTimeout(
        deps.redis.get(`${deps.cachePrefix}health:smtp`),
        HEALTH_LIMITS.redisTimeoutMs,
        'smtp status',
      );
      if (!raw) return { status: 'down', reason: 'no recent report from worker-email' };
      const report = JSON.parse(raw) as { ok: boolean; mode?: string; checkedAt?: string; error?: string };
      return { status: report.ok ? 'up' : 'down', mode: report.mode, checkedAt: report.checkedAt };
    } catch {
      return { status: 'down', reason: 'status unavailable' };
    }
  }

  async function queues(): Promise<CheckResult> {
    try {
      const entries = await withTimeout(
        Promise.all(
          deps.producer.all().map(async (queue) => {
            const [counts, paused] = await Promise.all([
              queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
              queue.isPaused(),
            ]);
            const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
            const failed = counts.failed ?? 0;
            const healthy =
              !paused && waiting <= HEALTH_LIMITS.queueWaitingMax && failed <= HEALTH_LIMITS.queueFailedMax;
            return [
              queue.name,
              {
                status: healthy ? 'up' : 'down',
                paused,
                waiting,
                active: counts.active ?? 0,
                delayed: counts.delayed ?? 0,
                failed,
                completed: counts.completed ?? 0,
              },
            ] as const;
          }),
        ),
        HEALTH_LIMITS.redisTimeoutMs * 2,
        'queue counts',
      );
      const all = Object.fromEntries(entries);
      const status = entries.every(([, q]) => q.status === 'up') ? 'up' : 'down';
      return { status, queues: all };
    } catch {
      return { status: 'down', reason: 'queues unreachable' };
    }
  }

  async function diskUsage(path: string) {
    try {
      const stats = await statfs(path);
      const used = 1 - stats.bavail / stats.blocks;
      return { path, usedPercent: Math.round(used * 1000) / 10, ok: used < HEALTH_LIMITS.diskUsedMaxRatio };
    } catch {
      return undefined;
    }
  }

  async function system(): Promise<CheckResult> {
    const memory = process.memoryUsage();
    const disks = (await Promise.all(['/', deps.mediaDir].map(diskUsage))).filter((d) => d !== undefined);
    const healthy =
      memory.heapUsed <= HEALTH_LIMITS.heapUsedMaxBytes &&
      memory.rss <= HEALTH_LIMITS.rssMaxBytes &&
      disks.every((disk) => disk.ok);
    return {
      status: healthy ? 'up' : 'down',
      heapUsedMb: mb(memory.heapUsed),
      rssMb: mb(memory.rss),
      uptimeSeconds: Math.round(process.uptime()),
      disks,
    };
  }

  async function readiness() {
    const [db, redisCheck, queueCheck] = await Promise.all([database(), redis(), queues()]);
    const draining = deps.isShuttingDown();
    const checks = {
      database: db,
      redis: redisCheck,
      queues: queueCheck,
      shutdown: { status: (draining ? 'down' : 'up') as CheckStatus, draining },
    };
    const critical = db.status === 'up' && !draining;
    const degraded = redisCheck.status !== 'up' || queueCheck.status !== 'up';
    return { ok: critical, status: degraded ? 'degraded' : 'ok', checks };
  }

  async function full() {
    const [db, redisCheck, smtpCheck, queueCheck, systemCheck] = await Promise.all([
      database(),
      redis(),
      smtp(),
      queues(),
      system(),
    ]);
    const breakers = deps.breakerStates();
    const breakerCheck: CheckResult = {
      status: Object.values(breakers).some((state) => state === 'open') ? 'degraded' : 'up',
      providers: breakers,
    };
    const checks = {
      database: db,
      redis: redisCheck,
      smtp: smtpCheck,
      queues: queueCheck,
      system: systemCheck,
      circuitBreakers: breakerCheck,
    };
    const ok = Object.values(checks).every((check) => check.status !== 'down');
    return { ok, status: ok ? 'ok' : 'down', checks };
  }

  return { database, redis, smtp, queues, system, readiness, full };
}

export type HealthService = ReturnType<typeof createHealthService>;
