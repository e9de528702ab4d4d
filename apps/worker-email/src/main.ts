import { QUEUE } from '@storytime/queue';
import { createWorkerInfrastructure, runWorker } from '@storytime/worker-kit';
import { buildBindings } from './bindings';
import { createMailer } from './email/mailer';
import { startSmtpHealthReporter } from './email/smtp-health';
import { loadWorkerEnv } from './env';
import { upsertEmailSchedulers } from './schedulers';

const SERVICE = 'worker-email';

const env = loadWorkerEnv();
const infra = createWorkerInfrastructure(SERVICE, env);
const mailer = createMailer(env, infra.logger);
infra.logger.info(
  { mode: mailer.mode, ...(mailer.mode === 'outbox' ? { outboxDir: env.EMAIL_OUTBOX_DIR } : {}) },
  'email delivery mode',
);
await runWorker(
  SERVICE,
  infra,
  buildBindings(env, { db: infra.db, mailer, logger: infra.logger, producer: infra.producer }),
  async () => {
    // Weekly reports (platform.md §10.4): one scheduler cluster-wide, upserted by every replica.
    await upsertEmailSchedulers(infra.producer.queue(QUEUE.emailMaintenance), env.APP_TIMEZONE);
    // Published for the API's /health/smtp (runWorker waited for Redis before this hook); its timer
    // does not keep the process alive on shutdown.
    startSmtpHealthReporter({
      mailer,
      redis: infra.redis,
      cachePrefix: env.CACHE_PREFIX,
      logger: infra.logger,
    });
  },
);
