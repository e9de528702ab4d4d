import { z } from 'zod';

/** Env values are strings; these coerce them with the forms operators actually write. */
export const envBoolean = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off', ''].includes(normalised)) return false;
  ctx.addIssue({ code: 'custom', message: `expected a boolean, got "${value}"` });
  return z.NEVER;
});

export const envInt = (min = 0, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

/** Treats an empty string like an unset variable, so `FOO=` in a .env file means "use the default". */
export const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
