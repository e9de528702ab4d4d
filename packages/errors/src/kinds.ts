import { AppError, type AppErrorOptions, type ErrorDetails } from './app-error';
import type { ErrorCode } from './codes';

/** Subclasses by kind, so call sites read as what happened and catch blocks can match a family. */

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(message: string, fields: FieldIssue[] = [], options: AppErrorOptions = {}) {
    super('VALIDATION_ERROR', message, { ...options, details: { ...options.details, fields } });
  }
}

/** 404 for missing, soft-deleted and not-owned rows alike: no existence leak (api.md §0.1). */
export class NotFoundError extends AppError {
  constructor(resource: string, options: AppErrorOptions = {}) {
    super('RESOURCE_NOT_FOUND', `${resource} not found`, options);
  }
}

export class ConflictError extends AppError {
  constructor(
    code: Extract<
      ErrorCode,
      | 'RESOURCE_ALREADY_EXISTS'
      | 'INVALID_STATE'
      | 'INVALID_STATE_TRANSITION'
      | 'RECEIPT_ALREADY_USED'
      | 'NO_LOCAL_PASSWORD'
      | 'LAST_LOGIN_METHOD'
      | 'JOB_NOT_COMPLETED'
      | 'JOB_NOT_CANCELLABLE'
      | 'COUPON_ALREADY_REDEEMED'
      | 'COUPON_EXHAUSTED'
    >,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(code, message, options);
  }
}

export class AlreadyExistsError extends ConflictError {
  constructor(resource: string, fields: string[] = [], options: AppErrorOptions = {}) {
    super('RESOURCE_ALREADY_EXISTS', `${resource} already exists`, {
      ...options,
      details: { ...options.details, fields },
    });
  }
}

export class AuthError extends AppError {
  constructor(
    code: Extract<
      ErrorCode,
      | 'AUTH_INVALID_CREDENTIALS'
      | 'AUTH_INVALID_TOKEN'
      | 'AUTH_TOKEN_EXPIRED'
      | 'AUTH_SESSION_REVOKED'
      | 'AUTH_REFRESH_REUSED'
      | 'AUTH_EMAIL_NOT_VERIFIED'
      | 'AUTH_INVALID_ADMIN_SECRET'
      | 'AUTH_ACCOUNT_SUSPENDED'
      | 'GUEST_SESSION_INVALID'
      | 'WEBHOOK_SIGNATURE_INVALID'
    >,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(code, message, options);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have access to this resource', options: AppErrorOptions = {}) {
    super('FORBIDDEN', message, options);
  }
}

export class RateLimitedError extends AppError {
  constructor(tier: string, retryAfterSeconds: number, extra: ErrorDetails = {}) {
    super('RATE_LIMITED', 'Too many requests, please slow down', {
      details: { tier, retryAfterSeconds, ...extra },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', `Payload exceeds the limit of ${limitBytes} bytes`, {
      details: { limitBytes },
    });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'Service temporarily unavailable', options: AppErrorOptions = {}) {
    super('SERVICE_UNAVAILABLE', message, options);
  }
}

export class ProviderError extends AppError {
  constructor(
    code: Extract<ErrorCode, 'PROVIDER_ERROR' | 'PROVIDER_UNAVAILABLE' | 'AI_OUTPUT_INVALID'>,
    provider: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(code, message, { ...options, details: { provider, ...options.details } });
  }
}

export class InternalError extends AppError {
  constructor(message = 'An unexpected error occurred', options: AppErrorOptions = {}) {
    super('INTERNAL_ERROR', message, options);
  }
}

/**
 * A wrong current password on a `session` route (AUTH-11, USER-10): the code of a failed login but
 * status 400, because a 401 makes the clients sign the user out (platform.md §1). The one place a
 * code answers with another status than the table's.
 */
export class WrongCurrentPasswordError extends AppError {
  override readonly statusCode: number = 400;

  constructor(message = 'The current password is incorrect') {
    super('AUTH_INVALID_CREDENTIALS', message);
  }
}
