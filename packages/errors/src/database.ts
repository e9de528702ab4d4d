import { AppError } from './app-error';
import { AlreadyExistsError, InternalError, ServiceUnavailableError, ValidationError } from './kinds';

interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

function isPgError(error: unknown): error is PgErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as PgErrorLike).code === 'string';
}

/** `Key (user_id, story_id)=(…) already exists.` → ['user_id', 'story_id'] */
function columnsFromDetail(detail: string | undefined): string[] {
  const match = detail?.match(/Key \(([^)]+)\)/);
  return match?.[1] ? match[1].split(',').map((column) => column.trim()) : [];
}

/**
 * Maps a PostgreSQL error to the domain error of platform.md §1 (repository layer). Errors that
 * are already domain errors pass through; anything unknown becomes INTERNAL_ERROR with the
 * original as `cause`, so the log keeps it while the client sees a safe message.
 */
/**
 * The database is unreachable or saturated (connection failures, too many connections, shutdown,
 * or no pool connection within the pool timeout): a temporary condition, so 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^(08|53|57P0)/.test(code)) return true;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code)) return true;
    if (typeof message === 'string' && message.includes('timeout exceeded when trying to connect'))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function fromDatabaseError(error: unknown, resource = 'Resource'): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    return new ServiceUnavailableError('The service is busy; please retry shortly', {
      cause: error,
      headers: { 'Retry-After': '5' },
    });
  }
  // drizzle wraps driver errors; the pg error is the cause.
  const pgError = isPgError(error) ? error : (error as { cause?: unknown })?.cause;
  if (!isPgError(pgError)) return new InternalError(undefined, { cause: error });
  switch (pgError.code) {
    case '23505':
      return new AlreadyExistsError(resource, columnsFromDetail(pgError.detail), {
        details: { constraint: pgError.constraint },
      });
    case '23503':
      return new ValidationError('A referenced record does not exist', [
        { path: columnsFromDetail(pgError.detail).join(',') || 'reference', message: 'not found' },
      ]);
    case '23514':
      return new ValidationError('A value is out of its allowed range', [
        { path: pgError.constraint ?? 'value', message: 'violates a check constraint' },
      ]);
    case '22001':
      return new ValidationError('A value is too long', [
        { path: pgError.column ?? 'value', message: 'too long' },
      ]);
    case '22P02':
      return new ValidationError('A value has an invalid format', [
        { path: pgError.column ?? 'value', message: 'invalid format' },
      ]);
    default:
      return new InternalError(undefined, { cause: error });
  }
}
