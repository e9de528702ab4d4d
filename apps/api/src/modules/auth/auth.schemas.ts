import { z } from 'zod';
import { code6, country, email, newPassword, str, url, uuid } from '../../lib/schemas';

/** Request and response schemas of api.md §1 (AUTH-01..18). Bodies are strict (api.md §0.2). */

/** Any string up to `max` characters, as typed (passwords are never trimmed). */
const secret = (min: number, max: number) => z.string().min(min).max(max);

export const loginBody = z.object({ email, password: secret(1, 128) }).strict();

export const refreshBody = z.object({ token: z.string().trim().min(1).max(512) }).strict();

export const registerBody = z
  .object({
    fullName: z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-zA-Z]+(\s+[a-zA-Z]+)+$/, 'must be a first and last name, letters only'),
    email,
    password: newPassword,
    // Checked by the service: an unknown role answers INVALID_ROLE, not VALIDATION_ERROR (AUTH-03).
    role: z.string().max(32).optional(),
    adminSecret: z.string().max(256).optional(),
  })
  .strict();

const languageCode = z
  .string()
  .trim()
  .min(2)
  .max(10)
  .transform((value) => value.toLowerCase());

export const completeProfileBody = z
  .object({
    language: str(1, 50).optional(),
    languageCode: languageCode.optional(),
    learningExpectationIds: z.array(uuid).max(20).optional(),
    preferredCategories: z.array(uuid).max(20).optional(),
    profileImageUrl: url.optional(),
  })
  .strict();

export const updateProfileBody = z
  .object({
    explicitContent: z.boolean().optional(),
    maxScreenTimeMins: z.number().int().min(0).max(1440).nullable().optional(),
    language: str(1, 50).optional(),
    languageCode: languageCode.optional(),
    country: country.optional(),
  })
  .strict();

export const verifyEmailBody = z.object({ token: code6, email: email.optional() }).strict();

export const emailOnlyBody = z.object({ email }).strict();

export const changePasswordBody = z
  .object({ oldPassword: secret(1, 128), newPassword: newPassword })
  .strict();

export const validateResetBody = z.object({ token: code6, email }).strict();

export const resetPasswordBody = z.object({ token: code6, email, newPassword: newPassword }).strict();

export const googleBody = z.object({ id_token: z.string().trim().min(1).max(4096) }).strict();

export const appleBody = z
  .object({
    id_token: z.string().trim().min(1).max(4096),
    firstName: z.string().trim().max(50).optional(),
    lastName: z.string().trim().max(50).optional(),
    nonce: z.string().max(256).optional(),
  })
  .strict();

/** Browser redirects: a malformed value must still end in a redirect, never a JSON 400. */
const lenient = z.string().max(4096).optional().catch(undefined);

export const oauthStartQuery = z.object({ redirect: lenient });

export const oauthCallbackQuery = z.object({ code: lenient, state: lenient, error: lenient });

export const learningExpectationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
});

export const validResponse = z.object({ valid: z.literal(true) });
