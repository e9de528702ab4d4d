import type { Logger } from '@storytime/observability';
import type { Redis } from '@storytime/queue';
import type { Mailer } from './mailer';

export interface SmtpHealthReport {
  ok: boolean;
  mode: 'smtp' | 'outbox';
  checkedAt: string;
  error?: string;
}

export interface SmtpHealthOptions {
  mailer: Mailer;
  redis: Redis;
  cachePrefix: string;
  logger: Logger;
  intervalMs?: number;
  timeoutMs?: number;
  ttlSeconds?: number;
}

/** The key the API's /health/smtp reads (apps/api/src/modules/health/health.service.ts). */
export const smtpHealthKey = (cachePrefix: string) => `${cachePrefix}health:smtp`;

/**
 * platform.md §8: worker-email verifies SMTP every 60 s within 5 s and publishes the verdict for
 * 180 s, so the API answers /health/smtp without opening SMTP itself; a silent worker lets the
 * report expire and the API then says down.
 */
export function startSmtpHealthReporter(options: SmtpHealthOptions) {
  const { mailer, redis, logger } = options;
  const key = smtpHealthKey(options.cachePrefix);
  let lastOk: boolean | undefined;

  async function checkOnce(): Promise<SmtpHealthReport> {
    let report: SmtpHealthReport;
    try {
      await mailer.verify(options.timeoutMs ?? 5_000);
      report = { ok: true, mode: mailer.mode, checkedAt: new Date().toISOString() };
    } catch (error) {
      report = {
        ok: false,
        mode: mailer.mode,
        checkedAt: new Date().toISOString(),
        error: (error as Error).message,
      };
    }
    if (report.ok !== lastOk) {
      if (report.ok) logger.info({ mode: report.mode }, 'smtp healthy');
      else logger.warn({ mode: report.mode, error: report.error }, 'smtp verification failed');
      lastOk = report.ok;
    }
    try {
      await redis.set(key, JSON.stringify(report), 'EX', options.ttlSeconds ?? 180);
    } catch (error) {
      logger.warn({ err: error }, 'could not publish the smtp health report');
    }
    return report;
  }

  let running: Promise<unknown> = checkOnce();
  const timer = setInterval(() => {
    running = running.then(checkOnce, checkOnce);
  }, options.intervalMs ?? 60_000);
  timer.unref();

  return {
    checkOnce,
    async stop() {
      clearInterval(timer);
      await running.catch(() => {});
    },
  };
}
