import { z } from 'zod';
import { kidDtoSchema } from '../../lib/dto/kid-dto';
import { isoDate, isoDateNullable, str, url, uuid } from '../../lib/schemas';

/** Request and response schemas of BUDDY-01..13 (api.md §5). */

/** `Buddy` (api.md §5). */
export const buddySchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  type: z.string(),
  description: z.string().nullable(),
  imageUrl: z.string(),
  profileAvatarUrl: z.string().nullable(),
  isActive: z.boolean(),
  themeColor: z.string().nullable(),
  ageGroupMin: z.number().int(),
  ageGroupMax: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const buddyIdParams = z.object({ id: uuid });
export const kidIdParams = z.object({ kidId: uuid });

export const selectBuddyBody = z.object({ buddyId: uuid }).strict();

export const selectionResponse = z.object({ kid: kidDtoSchema, buddy: buddySchema, message: z.string() });

export const kidBuddyResponse = z.object({ buddy: buddySchema, selectedAt: isoDateNullable });

export const welcomeResponse = z.object({ buddy: buddySchema, message: z.string() });

export const messageBody = z
  .object({
    context: str(1, 50),
    contextId: uuid.optional(),
    message: z.string().trim().max(500).optional(),
  })
  .strict();

export const buddyMessageResponse = z.object({
  buddy: buddySchema.pick({
    id: true,
    name: true,
    displayName: true,
    imageUrl: true,
    profileAvatarUrl: true,
  }),
  message: z.string(),
  imageUrl: z.string(),
  profileAvatarUrl: z.string().nullable(),
  context: z.string(),
  contextData: z.union([
    z.object({ challengeId: z.string(), word: z.string() }),
    z.object({ storyId: z.string(), storyTitle: z.string() }),
    z.object({}),
  ]),
});

export const statsResponse = z.object({
  totalBuddies: z.number().int(),
  activeBuddies: z.number().int(),
  totalInteractions: z.number().int(),
  kidsWithBuddies: z.number().int(),
  buddies: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      displayName: z.string(),
      kidCount: z.number().int(),
      interactionCount: z.number().int(),
    }),
  ),
});

// ---- admin forms (multipart text fields, or JSON when no file is sent) ----------------------------

/** A multipart form sends blank inputs as empty strings: they mean "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Multipart fields are text: `true`/`false` and digits are read as a JSON body's boolean and number. */
const formBool = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
const formAge = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,2}$/, 'must be an integer')
      .transform(Number),
  ])
  .pipe(z.number().int().min(0).max(18));

const buddyFields = {
  displayName: str(1, 100),
  type: str(1, 50),
  description: optional(z.string().trim().max(1000)),
  imageUrl: optional(url),
  profileAvatarUrl: optional(url),
  isActive: optional(formBool),
  themeColor: optional(z.string().trim().max(20)),
  ageGroupMin: optional(formAge),
  ageGroupMax: optional(formAge),
};

export const createBuddyFields = z.object({ name: str(1, 50), ...buddyFields }).strict();

/** The name identifies the buddy and cannot change (api.md BUDDY-10): sending it is a 400. */
export const updateBuddyFields = z
  .object({ ...buddyFields, displayName: optional(str(1, 100)), type: optional(str(1, 50)) })
  .strict();

export type CreateBuddyInput = z.infer<typeof createBuddyFields>;
export type UpdateBuddyInput = z.infer<typeof updateBuddyFields>;
