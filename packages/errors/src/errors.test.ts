import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  AppError,
  ERROR_CODES,
  ERROR_STATUS,
  fromDatabaseError,
  NotFoundError,
  RateLimitedError,
  reasonPhrase,
} from './index';

describe('error codes', () => {
  it('maps every code to a 4xx or 5xx status with a reason phrase', () => {
    for (const code of ERROR_CODES) {
      const status = ERROR_STATUS[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(reasonPhrase(status)).toMatch(/\w/);
    }
  });

  it('keeps the statuses the clients rely on', () => {
    expect(ERROR_STATUS.RESOURCE_NOT_FOUND).toBe(404);
    expect(ERROR_STATUS.STORY_LIMIT_EXCEEDED).toBe(403);
    expect(ERROR_STATUS.PIN_LOCKED).toBe(423);
    expect(ERROR_STATUS.ACCOUNT_DEACTIVATED).toBe(410);
    expect(ERROR_STATUS.SUBSCRIPTION_REQUIRED).toBe(402);
  });
});

describe('AppError', () => {
  it('derives status and retryability from the code', () => {
    const notFound = new NotFoundError('Kid');
    expect(notFound).toBeInstanceOf(AppError);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.message).toBe('Kid not found');
    expect(notFound.retryable).toBe(false);
    expect(new AppError('PROVIDER_UNAVAILABLE', 'down').retryable).toBe(true);
  });

  it('carries rate-limit details and the Retry-After header', () => {
    const error = new RateLimitedError('login', 42);
    expect(error.details).toEqual({ tier: 'login', retryAfterSeconds: 42 });
    expect(error.headers).toEqual({ 'Retry-After': '42' });
  });
});

describe('fromDatabaseError', () => {
  it('turns a unique violation into 409 with the columns', () => {
    const error = fromDatabaseError(
      { code: '23505', constraint: 'users_email_unique', detail: 'Key (email)=(a@b.c) already exists.' },
      'User',
    );
    expect(error).toBeInstanceOf(AlreadyExistsError);
    expect(error.details).toMatchObject({ fields: ['email'] });
  });

  it('reads the pg error behind a wrapper', () => {
    const error = fromDatabaseError({
      message: 'Failed query',
      cause: { code: '23503', detail: 'Key (kid_id)=(x)' },
    });
    expect(error.code).toBe('VALIDATION_ERROR');
  });

  it('answers 503 when the database cannot be reached or the pool is exhausted', () => {
    const pool = fromDatabaseError({
      message: 'Failed query',
      cause: new Error('timeout exceeded when trying to connect'),
    });
    expect(pool.statusCode).toBe(503);
    expect(fromDatabaseError({ code: '53300' }).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('hides unknown failures behind INTERNAL_ERROR', () => {
    const error = fromDatabaseError(new Error('boom'));
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).not.toContain('boom');
  });
});
