import { AppError } from '@storytime/errors';

/**
 * A handler for a job whose processor is not part of this build yet. It fails the job permanently
 * with a clear reason (kept in the failed set, visible on Bull Board) instead of pretending to
 * succeed, and it keeps the handler table complete so the worker's start-up check stays meaningful.
 */
export function unavailableHandler(what: string) {
  return async (): Promise<never> => {
    throw new AppError('NOT_CONFIGURED', `${what} is not available in this build`, { retryable: false });
  };
}
