import { ERROR_CODES } from '@storytime/errors';
import { z } from 'zod';

/**
 * The success envelope around a route's data. Routes declare only their data schema (what the
 * handler returns); the envelope plugin wraps the serialised data, and the OpenAPI transform wraps
 * the documented schema with this, so clients see the true shape.
 */
export function envelopeJsonSchema(data: unknown) {
  return {
    type: 'object',
    required: ['success', 'statusCode', 'message', 'data'],
    properties: {
      success: { type: 'boolean', enum: [true] },
      statusCode: { type: 'integer' },
      message: { type: 'string' },
      data,
    },
  };
}

export const errorBodySchema = z
  .object({
    success: z.literal(false),
    statusCode: z.number().int(),
    error: z.string(),
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string(),
    path: z.string(),
    timestamp: z.string(),
  })
  .meta({ id: 'ErrorBody', description: 'Every non-2xx JSON answer (platform.md §1)' });
