import { ConfigError, envBoolean, envInt, optionalString } from '@storytime/config';
import { parseWorkerEnv } from '@storytime/worker-kit';

const withDefault = (fallback: string) => optionalString.transform((value) => value ?? fallback);

/** platform.md §12.5; SMTP_HOST unset selects the local outbox (providers.md §6). */
export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseWorkerEnv(
    { httpPort: 9103, shutdownTimeoutMs: 30_000 },
    {
      EMAIL_WORKER_CONCURRENCY: envInt(1, 200).default(10),
      PUSH_WORKER_CONCURRENCY: envInt(1, 200).default(20),
      SMTP_HOST: optionalString,
      SMTP_PORT: envInt(1, 65535).default(587),
      SMTP_SECURE: envBoolean.default(false),
      SMTP_USER: optionalString,
      SMTP_PASS: optionalString,
      SMTP_TLS_REJECT_UNAUTHORIZED: envBoolean.default(true),
      DEFAULT_SENDER_EMAIL: optionalString,
      DEFAULT_SENDER_NAME: withDefault('Storytime'),
      SUPPORT_EMAIL: optionalString,
      EMAIL_OUTBOX_DIR: withDefault('./.data/outbox'),
      /** Parents per batch of the weekly-report job (platform.md §10.4). */
      WEEKLY_REPORT_BATCH_SIZE: envInt(1, 10_000).default(500),
    },
    source,
  );
  const problems: string[] = [];
  if (env.SMTP_HOST && !env.DEFAULT_SENDER_EMAIL) {
    problems.push('DEFAULT_SENDER_EMAIL: required when SMTP_HOST is set');
  }
  // The reference turned certificate checks off everywhere (providers.md §6 fix).
  if (env.NODE_ENV === 'production' && !env.SMTP_TLS_REJECT_UNAUTHORIZED) {
    problems.push('SMTP_TLS_REJECT_UNAUTHORIZED: false is refused when NODE_ENV=production');
  }
  if (env.SMTP_USER && !env.SMTP_PASS) problems.push('SMTP_PASS: required when SMTP_USER is set');
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
