import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { storyDetailSchema } from '../../lib/dto/story-dto';
import { permanentQuery } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import { createQuotaService } from '../quota/quota.service';
import { createPremiumService } from '../users/premium.service';
import {
  branchBody,
  createStoryBody,
  imageBody,
  quotaSchema,
  storyBranchSchema,
  storyDeletionSchema,
  storyIdParams,
  storyImageSchema,
  updateStoryBody,
} from './story.schemas';
import { createStoryAdminService } from './story-admin.service';
import { createStoryDetailService } from './story-detail.service';

/** STORY-06..11, STORY-25 and STORY-50 (api.md §4.2, §4.7, §4.12). */
export const storyRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const premium = createPremiumService({ db: core.db, cache: core.cache, now: core.now });
  const quota = createQuotaService({ premium, now: core.now });
  const detail = createStoryDetailService(core, { premium, quota });
  const admin = createStoryAdminService(core);
  const session = { access: 'session' } as const;
  const adminOnly = { access: 'admin' } as const;

  // STORY-25. A static path: it wins over `/stories/:id` whatever the registration order.
  app.get(
    '/stories/user/quota',
    { config: session, schema: { response: { 200: quotaSchema } } },
    async (request) => detail.quota(callerOf(request).userId),
  );

  // STORY-50 (session + quota).
  app.get(
    '/stories/:id',
    { config: session, schema: { params: storyIdParams, response: { 200: storyDetailSchema } } },
    async (request) => detail.read(callerOf(request).userId, request.params.id),
  );

  // STORY-06.
  app.post(
    '/stories',
    { config: adminOnly, schema: { body: createStoryBody, response: { 201: storyDetailSchema } } },
    async (request, reply) => reply.code(201).send(await admin.create(request.body)),
  );

  // STORY-07.
  app.patch(
    '/stories/:id',
    {
      config: adminOnly,
      schema: { params: storyIdParams, body: updateStoryBody, response: { 200: storyDetailSchema } },
    },
    async (request) => admin.update(request.params.id, request.body),
  );

  // STORY-08.
  app.delete(
    '/stories/:id',
    {
      config: adminOnly,
      schema: { params: storyIdParams, querystring: permanentQuery, response: { 200: storyDeletionSchema } },
    },
    async (request) => admin.remove(request.params.id, request.query.permanent),
  );

  // STORY-09.
  app.post(
    '/stories/:id/undo-delete',
    { config: adminOnly, schema: { params: storyIdParams, response: { 201: storyDetailSchema } } },
    async (request, reply) => reply.code(201).send(await admin.restore(request.params.id)),
  );

  // STORY-10.
  app.post(
    '/stories/:id/images',
    {
      config: adminOnly,
      schema: { params: storyIdParams, body: imageBody, response: { 201: storyImageSchema } },
    },
    async (request, reply) => reply.code(201).send(await admin.addImage(request.params.id, request.body)),
  );

  // STORY-11.
  app.post(
    '/stories/:id/branches',
    {
      config: adminOnly,
      schema: { params: storyIdParams, body: branchBody, response: { 201: storyBranchSchema } },
    },
    async (request, reply) => reply.code(201).send(await admin.addBranch(request.params.id, request.body)),
  );
};
