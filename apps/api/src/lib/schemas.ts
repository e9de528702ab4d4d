import { z } from 'zod';

/** Request building blocks of api.md §0.2, shared by every module so the rules are written once. */

export const uuid = z.uuid({ message: 'must be a UUID' });
export const uuidParam = (name: string) => z.object({ [name]: uuid }).strict();
export const idParams = z.object({ id: uuid });

/** Avatar ids are `str 1–64`: legacy ids are cuids. */
export const avatarId = z.string().trim().min(1).max(64);

export const str = (min: number, max: number) => z.string().trim().min(min).max(max);

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((value) => value.toLowerCase());

/** New passwords: 8–32 characters with upper, lower, digit and symbol. */
export const newPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/[A-Z]/, 'must contain an upper-case letter')
  .regex(/[a-z]/, 'must contain a lower-case letter')
  .regex(/\d/, 'must contain a digit')
  .regex(/[^A-Za-z0-9]/, 'must contain a symbol');

export const code6 = z.string().regex(/^\d{6}$/, 'must be 6 digits');

export const url = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\//i, 'must be an http(s) URL')
  .pipe(z.url());

/** `true|false` in a query string. */
export const queryBool = z.enum(['true', 'false']).transform((value) => value === 'true');

export const permanentQuery = z.object({ permanent: queryBool.default(false) });

export const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
  .transform((value) => value.toUpperCase());

export const messageResponse = z.object({ message: z.string() });

/**
 * Timestamps leave as ISO 8601 strings (api.md §0.3). Response schemas are *encoded* by the
 * serializer, so this is a codec (plain transforms cannot encode); it takes a Date from the
 * database or the ISO string a cached value already holds.
 */
export const isoDate = z.codec(z.string(), z.union([z.date(), z.string()]), {
  decode: (value) => value,
  encode: (value) => (typeof value === 'string' ? value : value.toISOString()),
});
export const isoDateNullable = isoDate.nullable();
