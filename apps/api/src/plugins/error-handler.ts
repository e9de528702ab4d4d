import {
  AppError,
  type ErrorCode,
  fromDatabaseError,
  isDatabaseUnavailable,
  reasonPhrase,
} from '@storytime/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface ErrorBody {
  success: false;
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  requestId: string;
  path: string;
  timestamp: string;
}

interface NormalisedError {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Fastify's own error codes that are client mistakes, with the stable code clients get. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_ERROR', message: 'Invalid content length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_ERROR', message: 'Request body must not be empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_ERROR', message: 'Request body is not valid JSON' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_ERROR', message: 'Request validation failed' },
};

function statusToCode(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'AUTH_INVALID_TOKEN';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'RESOURCE_NOT_FOUND';
    case 409:
      return 'RESOURCE_ALREADY_EXISTS';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR';
  }
}

function normalise(error: unknown): NormalisedError {
  if (error instanceof AppError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.headers ? { headers: error.headers } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as { validationContext?: string }).validationContext ?? 'body';
    const fields = error.validation.map((issue) => ({
      path: [part, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'invalid',
    }));
    return {
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'Request validation failed',
      details: { fields },
    };
  }
  if (isDatabaseUnavailable(error)) return normalise(fromDatabaseError(error));
  if (isResponseSerializationError(error)) {
    return { status: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' };
  }
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (known) return { status: status >= 400 && status < 500 ? status : 400, ...known };
  if (status >= 400 && status < 500) {
    return { status, code: statusToCode(status), message: fastifyError.message ?? reasonPhrase(status) };
  }
  return {
    status: status >= 500 && status < 600 ? status : 500,
    code: 'INTERNAL_ERROR',
    message: 'An unexpected error occurred',
  };
}

export function buildErrorBody(request: FastifyRequest, error: NormalisedError): ErrorBody {
  return {
    success: false,
    statusCode: error.status,
    error: reasonPhrase(error.status),
    code: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
    requestId: request.id,
    path: request.url,
    timestamp: new Date().toISOString(),
  };
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: NormalisedError) {
  if (error.headers) reply.headers(error.headers);
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .send(buildErrorBody(request, error));
}

/**
 * One error shape for every non-2xx JSON answer (platform.md §1): domain errors keep their code,
 * validation failures list their fields, and anything unexpected is logged in full with the
 * request id while the client sees a safe INTERNAL_ERROR.
 */
async function errorHandlerPlugin(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const normalised = normalise(error);
    if (normalised.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, normalised);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, {
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
    }),
  );
}

export const errorHandler = fp(errorHandlerPlugin, { name: 'error-handler', fastify: '5.x' });
