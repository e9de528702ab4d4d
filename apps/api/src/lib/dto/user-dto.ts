import type { UserDtoRecord } from '@storytime/db/repositories/users';
import { z } from 'zod';
import { isoDate } from '../schemas';

export const avatarSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  url: z.string(),
  isSystemAvatar: z.boolean(),
  publicId: z.string().nullable(),
  createdAt: isoDate,
});

export const profileSchema = z.object({
  id: z.string(),
  userId: z.string(),
  explicitContent: z.boolean(),
  maxScreenTimeMins: z.number().int().nullable(),
  language: z.string().nullable(),
  languageCode: z.string().nullable(),
  country: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/**
 * `UserDto` (api.md §0.3). Responses are serialised through this schema, so a hash or any column
 * not listed here cannot reach a client even if a query selected it.
 */
export const userDtoSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  title: z.string().nullable(),
  role: z.enum(['admin', 'parent', 'kid']),
  isEmailVerified: z.boolean(),
  onboardingStatus: z.enum(['account_created', 'email_verified', 'profile_setup', 'pin_setup']),
  avatarUrl: z.string().nullable(),
  avatar: avatarSchema.nullable(),
  profile: profileSchema.nullable(),
  numberOfKids: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** What handlers return: the schema's output side (the serializer encodes it to the wire form). */
export type UserDto = z.output<typeof userDtoSchema>;

/** `AuthResult` of login, register, refresh and the OAuth sign-ins. */
export const authResultSchema = z.object({ user: userDtoSchema, jwt: z.string(), refreshToken: z.string() });

export function toUserDto(record: UserDtoRecord): UserDto {
  return record;
}
