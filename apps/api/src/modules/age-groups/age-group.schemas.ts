import { z } from 'zod';
import { str, uuid } from '../../lib/schemas';

/** Request and response schemas of AGE-01..07 (api.md §18). */

/** PostgreSQL `integer`: a larger bound is bad input, never a 500. */
const INT_MAX = 2_147_483_647;

export const ageGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  min: z.number().int(),
  max: z.number().int(),
});

export const idParams = z.object({ id: uuid });

/** `?age=` must be digits: plain coercion would read an empty value as 0. */
export const byAgeQuery = z.object({
  age: z
    .string()
    .regex(/^\d{1,3}$/, 'must be an integer from 0 to 18')
    .transform(Number)
    .pipe(z.number().int().min(0).max(18)),
});

const fields = {
  name: str(1, 20),
  min: z.number().int().min(0).max(INT_MAX),
  max: z.number().int().min(1).max(INT_MAX),
};

export const createAgeGroupBody = z.object(fields).strict();

export const updateAgeGroupBody = z
  .object({ name: fields.name.optional(), min: fields.min.optional(), max: fields.max.optional() })
  .strict();

export const deleteResponse = z.object({ id: z.string(), permanent: z.boolean() });
