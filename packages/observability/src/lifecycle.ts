import type { Logger } from 'pino';

export interface LifecycleOptions {
  logger: Logger;
  /** Drains and closes everything; resolves when the process may exit. */
  shutdown: (reason: string) => Promise<void>;
  /** Exit on unhandled rejections (production) instead of only logging them. */
  exitOnUnhandledRejection?: boolean;
}

/**
 * Graceful shutdown wiring shared by the API and the workers (platform.md §11): the first
 * SIGTERM/SIGINT drains, a second one exits at once; an uncaught exception logs fatal and drains
 * with exit code 1.
 */
export function installLifecycleHandlers(options: LifecycleOptions): void {
  const { logger, shutdown } = options;
  let shuttingDown = false;

  const drain = (reason: string, exitCode: number) => {
    if (shuttingDown) {
      logger.warn({ reason }, 'second signal received, exiting immediately');
      process.exit(exitCode || 1);
    }
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    shutdown(reason)
      .then(() => process.exit(exitCode))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };

  process.on('SIGTERM', () => drain('SIGTERM', 0));
  process.on('SIGINT', () => drain('SIGINT', 0));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    drain('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
    if (options.exitOnUnhandledRejection) drain('unhandledRejection', 1);
  });
}

/** Resolves with the promise's value, or rejects once `ms` have passed. */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
