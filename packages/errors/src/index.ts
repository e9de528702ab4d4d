export { AppError, type AppErrorOptions, type ErrorDetails, isAppError } from './app-error';
export { ERROR_CODES, ERROR_STATUS, type ErrorCode, REASON_PHRASES, reasonPhrase } from './codes';
export { fromDatabaseError, isDatabaseUnavailable } from './database';
export {
  AlreadyExistsError,
  AuthError,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  InternalError,
  NotFoundError,
  PayloadTooLargeError,
  ProviderError,
  RateLimitedError,
  ServiceUnavailableError,
  ValidationError,
  WrongCurrentPasswordError,
} from './kinds';
