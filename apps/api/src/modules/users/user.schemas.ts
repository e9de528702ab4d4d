import { z } from 'zod';
import { avatarId, code6, country, isoDate, str, url, uuid } from '../../lib/schemas';

/** Request and response schemas of api.md §3 (USER-01..19). Bodies are strict (api.md §0.2). */

/** Passwords are compared as typed: never trimmed. */
const password = z.string().min(1).max(128);

const idList = z.array(uuid).max(20);

export const userIdParams = z.object({ id: uuid });

export const updateMeBody = z
  .object({
    name: str(1, 100).optional(),
    language: str(1, 50).optional(),
    country: country.optional(),
    biometricsEnabled: z.boolean().optional(),
    preferredCategories: idList.optional(),
    learningExpectationIds: idList.optional(),
  })
  .strict();

export const avatarBody = z.object({ avatarId }).strict();

export const pinBody = z.object({ pin: code6 }).strict();

export const otpBody = z.object({ otp: code6 }).strict();

export const resetPinBody = z
  .object({ otp: code6, newPin: code6, confirmNewPin: code6 })
  .strict()
  .refine((body) => body.newPin === body.confirmNewPin, {
    message: 'must equal newPin',
    path: ['confirmNewPin'],
  });

export const deletionRequestBody = z
  .object({
    password,
    reasons: z.array(z.string().trim().max(200)).max(10).optional(),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict();

/** USER-15: `numberOfKids` (accepted by the reference) is not writable, so the strict body refuses it. */
export const updateUserBody = z
  .object({
    name: str(1, 100).optional(),
    language: str(1, 50).optional(),
    country: country.optional(),
    avatarId: avatarId.optional(),
    avatarUrl: url.optional(),
    biometricsEnabled: z.boolean().optional(),
  })
  .strict();

/** Any string: an unknown or non-assignable role is INVALID_ROLE (platform.md §1), not a schema error. */
export const roleBody = z.object({ role: z.string().trim().min(1).max(32) }).strict();

const idName = z.object({ id: z.string(), name: z.string() });

/** `ParentProfile` (api.md §0.3): never a password or PIN hash, only whether a PIN is set. */
export const parentProfileSchema = z.object({
  id: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  name: z.string().nullable(),
  avatar: z.object({ id: z.string(), url: z.string(), isSystemAvatar: z.boolean() }).nullable(),
  profile: z
    .object({
      explicitContent: z.boolean(),
      maxScreenTimeMins: z.number().int().nullable(),
      language: z.string().nullable(),
      languageCode: z.string().nullable(),
      country: z.string(),
    })
    .nullable(),
  role: z.enum(['admin', 'parent', 'kid']),
  onboardingStatus: z.enum(['account_created', 'email_verified', 'profile_setup', 'pin_setup']),
  isEmailVerified: z.boolean(),
  numberOfKids: z.number().int(),
  pinSet: z.boolean(),
  biometricsEnabled: z.boolean(),
  preferredCategories: z.array(idName),
  learningExpectations: z.array(idName),
  subscriptionStatus: z.enum(['active', 'free']),
  isPremium: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export type ParentProfile = z.output<typeof parentProfileSchema>;

export const successMessage = z.object({ success: z.literal(true), message: z.string() });

export const validResponse = z.object({ valid: z.literal(true) });

export const deletionResult = z.object({
  id: z.string(),
  email: z.string(),
  permanent: z.boolean(),
  message: z.string(),
});

export const deletionRequestResult = z.object({ verified: z.literal(true), message: z.string() });

export const roleResponse = z.object({ id: z.string(), role: z.enum(['admin', 'parent', 'kid']) });
