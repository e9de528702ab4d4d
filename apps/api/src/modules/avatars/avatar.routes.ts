import {
  listAvatars,
  listSystemAvatars,
  listSystemAvatarsWithDeleted,
} from '@storytime/db/repositories/avatars';
import { ValidationError } from '@storytime/errors';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { kidDtoSchema } from '../../lib/dto/kid-dto';
import { userDtoSchema } from '../../lib/dto/user-dto';
import { avatarId, isoDate, str, url, uuid } from '../../lib/schemas';
import { mediaServiceFor } from '../../media/media.service';
import {
  fieldsError,
  IMAGE_MAX_BYTES,
  multipartIntake,
  readMultipart,
  type UploadedFile,
} from '../../media/multipart';
import { callerOf } from '../../plugins/principal';
import { type AvatarInput, createAvatarService } from './avatar.service';

export const avatarDtoSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  displayName: z.string().nullable(),
  url: z.string(),
  isSystemAvatar: z.boolean(),
  publicId: z.string().nullable(),
  createdAt: isoDate,
});

/** Names the API gives custom avatars; nobody may take them by hand. */
const RESERVED_NAME = /^(user-avatar-|kid-avatar-|oauth_)/i;

/** A multipart form sends blank inputs as empty strings: they mean "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const avatarFields = z
  .object({
    name: optional(str(1, 100).refine((name) => !RESERVED_NAME.test(name), 'this name is reserved')),
    url: optional(url),
  })
  .strict();

const idParams = z.object({ id: avatarId });

/** AVATAR-01..10 (api.md §7). */
export const avatarRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  await app.register(multipartIntake, { maxFileBytes: IMAGE_MAX_BYTES });
  const avatars = createAvatarService(core);
  const { tmpDir } = mediaServiceFor(core);

  const readImageForm = <Fields>(request: FastifyRequest, fields: z.ZodType<Fields>) =>
    readMultipart(request, { fileField: 'image', kinds: ['image'], tmpDir, fields });

  const requireFile = (file: UploadedFile | null): UploadedFile => {
    if (!file)
      throw new ValidationError('An image file is required', [{ path: 'body.image', message: 'required' }]);
    return file;
  };

  /** AVATAR-07/09 take multipart, or JSON when there is no file to send. */
  const readAvatarInput = async (
    request: FastifyRequest,
  ): Promise<{ input: AvatarInput; file: UploadedFile | null }> => {
    if (request.isMultipart()) {
      const form = await readImageForm(request, avatarFields);
      return { input: form.fields, file: form.file };
    }
    const parsed = avatarFields.safeParse(request.body ?? {});
    if (!parsed.success) throw fieldsError(parsed.error);
    return { input: parsed.data, file: null };
  };

  app.get(
    '/avatars/system',
    { config: { access: 'public' }, schema: { response: { 200: z.array(avatarDtoSchema) } } },
    async () => listSystemAvatars(core.db),
  );

  app.post(
    '/avatars/assign/user',
    {
      config: { access: 'session' },
      schema: {
        body: z.object({ avatarId, userId: uuid }).strict(),
        response: { 201: z.object({ user: userDtoSchema }) },
      },
    },
    async (request, reply) => {
      const user = await avatars.assignToUser(callerOf(request), request.body);
      reply.code(201);
      return { user };
    },
  );

  app.post(
    '/avatars/assign/kid',
    {
      config: { access: 'session' },
      schema: {
        body: z.object({ avatarId, kidId: uuid }).strict(),
        response: { 201: z.object({ kid: kidDtoSchema }) },
      },
    },
    async (request, reply) => {
      const kid = await avatars.assignToKid(callerOf(request), request.body);
      reply.code(201);
      return { kid };
    },
  );

  app.post(
    '/avatars/upload/user',
    {
      config: { access: 'session' },
      schema: { consumes: ['multipart/form-data'], response: { 201: userDtoSchema } },
    },
    async (request, reply) => {
      const form = await readImageForm(request, z.object({ userId: uuid }).strict());
      const user = await avatars.uploadForUser(callerOf(request), form.fields.userId, requireFile(form.file));
      reply.code(201);
      return user;
    },
  );

  app.post(
    '/avatars/upload/kid',
    {
      config: { access: 'session' },
      schema: { consumes: ['multipart/form-data'], response: { 201: z.object({ kid: kidDtoSchema }) } },
    },
    async (request, reply) => {
      const form = await readImageForm(request, z.object({ kidId: uuid }).strict());
      const kid = await avatars.uploadForKid(callerOf(request), form.fields.kidId, requireFile(form.file));
      reply.code(201);
      return { kid };
    },
  );

  app.get(
    '/avatars',
    { config: { access: 'admin' }, schema: { response: { 200: z.array(avatarDtoSchema) } } },
    async () => listAvatars(core.db),
  );

  app.post(
    '/avatars',
    {
      config: { access: 'session' },
      schema: { consumes: ['multipart/form-data', 'application/json'], response: { 201: avatarDtoSchema } },
    },
    async (request, reply) => {
      const { input, file } = await readAvatarInput(request);
      const avatar = await avatars.create(callerOf(request), input, file);
      reply.code(201);
      return avatar;
    },
  );

  app.get(
    '/avatars/system/all',
    {
      config: { access: 'admin' },
      schema: { response: { 200: z.array(avatarDtoSchema.extend({ isDeleted: z.boolean() })) } },
    },
    async () => listSystemAvatarsWithDeleted(core.db),
  );

  app.put(
    '/avatars/:id',
    {
      config: { access: 'admin' },
      schema: {
        params: idParams,
        consumes: ['multipart/form-data', 'application/json'],
        response: { 200: avatarDtoSchema },
      },
    },
    async (request) => {
      const { input, file } = await readAvatarInput(request);
      return avatars.update(callerOf(request), request.params.id, input, file);
    },
  );

  app.delete(
    '/avatars/:id',
    {
      config: { access: 'admin' },
      schema: { params: idParams, response: { 200: z.object({ id: z.string() }) } },
    },
    async (request) => avatars.remove(request.params.id),
  );
};
