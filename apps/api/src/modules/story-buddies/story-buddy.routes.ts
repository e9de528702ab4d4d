import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { permanentQuery } from '../../lib/schemas';
import { mediaServiceFor } from '../../media/media.service';
import {
  fieldsError,
  IMAGE_MAX_BYTES,
  multipartIntake,
  readMultipart,
  type UploadedFile,
} from '../../media/multipart';
import { callerOf } from '../../plugins/principal';
import {
  buddyIdParams,
  buddyMessageResponse,
  buddySchema,
  createBuddyFields,
  kidBuddyResponse,
  kidIdParams,
  messageBody,
  selectBuddyBody,
  selectionResponse,
  statsResponse,
  updateBuddyFields,
  welcomeResponse,
} from './story-buddy.schemas';
import { createStoryBuddyService } from './story-buddy.service';
import { createStoryBuddyAdminService } from './story-buddy-admin.service';

const tags = ['story-buddies'];
const session = { access: 'session' as const };
const admin = { access: 'admin' as const };
const deletedResponse = z.object({ id: z.string(), permanent: z.boolean() });

/** BUDDY-01..13 (api.md §5). */
export const storyBuddyRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  await app.register(multipartIntake, { maxFileBytes: IMAGE_MAX_BYTES });
  const buddies = createStoryBuddyService(core);
  const catalogue = createStoryBuddyAdminService(core);
  const { tmpDir } = mediaServiceFor(core);

  /** BUDDY-09/10 take multipart (file `image` ≤ 5 MB, png/jpeg/gif/webp), or JSON when there is no file. */
  async function readBuddyForm<Fields>(
    request: FastifyRequest,
    fields: z.ZodType<Fields>,
  ): Promise<{ input: Fields; file: UploadedFile | null }> {
    if (request.isMultipart()) {
      const form = await readMultipart(request, { fileField: 'image', kinds: ['image'], tmpDir, fields });
      return { input: form.fields, file: form.file };
    }
    const parsed = fields.safeParse(request.body ?? {});
    if (!parsed.success) throw fieldsError(parsed.error);
    return { input: parsed.data, file: null };
  }

  // ---- public catalogue ------------------------------------------------------------------------------

  app.get(
    '/story-buddies/active',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Active story buddies', response: { 200: z.array(buddySchema) } },
    },
    async () => buddies.listActive(),
  );

  app.get(
    '/story-buddies/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One active story buddy',
        params: buddyIdParams,
        response: { 200: buddySchema },
      },
    },
    async (request) => buddies.get(request.params.id),
  );

  // ---- a kid's buddy -----------------------------------------------------------------------------

  app.post(
    '/story-buddies/kids/:kidId/select',
    {
      config: session,
      schema: {
        tags,
        summary: "Choose the kid's story buddy",
        params: kidIdParams,
        body: selectBuddyBody,
        response: { 201: selectionResponse },
      },
    },
    async (request, reply) => {
      const result = await buddies.select(callerOf(request), request.params.kidId, request.body.buddyId);
      reply.code(201);
      return result;
    },
  );

  app.put(
    '/story-buddies/kids/:kidId/buddy',
    {
      config: session,
      schema: {
        tags,
        summary: "Change the kid's story buddy",
        params: kidIdParams,
        body: selectBuddyBody,
        response: { 200: selectionResponse },
      },
    },
    async (request) => buddies.select(callerOf(request), request.params.kidId, request.body.buddyId),
  );

  app.get(
    '/story-buddies/kids/:kidId/buddy',
    {
      config: session,
      schema: {
        tags,
        summary: "The kid's story buddy",
        params: kidIdParams,
        response: { 200: kidBuddyResponse },
      },
    },
    async (request) => buddies.kidBuddy(callerOf(request), request.params.kidId),
  );

  app.get(
    '/story-buddies/kids/:kidId/welcome',
    {
      config: session,
      schema: { tags, summary: 'Welcome message', params: kidIdParams, response: { 200: welcomeResponse } },
    },
    async (request) => buddies.welcome(callerOf(request), request.params.kidId),
  );

  app.post(
    '/story-buddies/kids/:kidId/message',
    {
      config: session,
      schema: {
        tags,
        summary: 'A message from the buddy for a context',
        params: kidIdParams,
        body: messageBody,
        response: { 201: buddyMessageResponse },
      },
    },
    async (request, reply) => {
      const result = await buddies.message(callerOf(request), request.params.kidId, request.body);
      reply.code(201);
      return result;
    },
  );

  // ---- admin catalogue ---------------------------------------------------------------------------

  app.get(
    '/story-buddies',
    {
      config: admin,
      schema: { tags, summary: 'All story buddies (admin)', response: { 200: z.array(buddySchema) } },
    },
    async () => catalogue.list(),
  );

  app.get(
    '/story-buddies/admin/stats',
    { config: admin, schema: { tags, summary: 'Story buddy stats', response: { 200: statsResponse } } },
    async () => catalogue.stats(),
  );

  app.post(
    '/story-buddies',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a story buddy',
        consumes: ['multipart/form-data', 'application/json'],
        response: { 201: buddySchema },
      },
    },
    async (request, reply) => {
      const { input, file } = await readBuddyForm(request, createBuddyFields);
      const buddy = await catalogue.create(callerOf(request), input, file);
      reply.code(201);
      return buddy;
    },
  );

  app.put(
    '/story-buddies/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Update a story buddy',
        params: buddyIdParams,
        consumes: ['multipart/form-data', 'application/json'],
        response: { 200: buddySchema },
      },
    },
    async (request) => {
      const { input, file } = await readBuddyForm(request, updateBuddyFields);
      return catalogue.update(callerOf(request), request.params.id, input, file);
    },
  );

  app.delete(
    '/story-buddies/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete a story buddy',
        params: buddyIdParams,
        querystring: permanentQuery,
        response: { 200: deletedResponse },
      },
    },
    async (request) => catalogue.remove(callerOf(request), request.params.id, request.query.permanent),
  );

  app.post(
    '/story-buddies/:id/undo-delete',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Restore a story buddy',
        params: buddyIdParams,
        response: { 201: buddySchema },
      },
    },
    async (request, reply) => {
      const buddy = await catalogue.restore(request.params.id);
      reply.code(201);
      return buddy;
    },
  );
};
