import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { permanentQuery } from '../../lib/schemas';
import {
  ageGroupSchema,
  byAgeQuery,
  createAgeGroupBody,
  deleteResponse,
  idParams,
  updateAgeGroupBody,
} from './age-group.schemas';
import { createAgeGroupService } from './age-group.service';

const publicAccess = { access: 'public' as const };
const admin = { access: 'admin' as const };
const tags = ['age-group'];

/** AGE-01..07 (api.md §18); the writes are admin-only and actually reachable (fix 3). */
export const ageGroupRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const ageGroups = createAgeGroupService(core);

  app.get(
    '/age-group',
    { config: publicAccess, schema: { tags, response: { 200: z.array(ageGroupSchema) } } },
    async () => ageGroups.list(),
  );

  app.get(
    '/age-group/lookup/by-age',
    { config: publicAccess, schema: { tags, querystring: byAgeQuery, response: { 200: ageGroupSchema } } },
    async (request) => ageGroups.byAge(request.query.age),
  );

  app.get(
    '/age-group/:id',
    { config: publicAccess, schema: { tags, params: idParams, response: { 200: ageGroupSchema } } },
    async (request) => ageGroups.get(request.params.id),
  );

  app.post(
    '/age-group',
    { config: admin, schema: { tags, body: createAgeGroupBody, response: { 201: ageGroupSchema } } },
    async (request, reply) => {
      const group = await ageGroups.create(request.body);
      reply.code(201);
      return group;
    },
  );

  app.patch(
    '/age-group/:id',
    {
      config: admin,
      schema: { tags, params: idParams, body: updateAgeGroupBody, response: { 200: ageGroupSchema } },
    },
    async (request) => ageGroups.update(request.params.id, request.body),
  );

  app.delete(
    '/age-group/:id',
    {
      config: admin,
      schema: { tags, params: idParams, querystring: permanentQuery, response: { 200: deleteResponse } },
    },
    async (request) => ageGroups.remove(request.params.id, request.query.permanent),
  );

  app.post(
    '/age-group/:id/undo-delete',
    { config: admin, schema: { tags, params: idParams, response: { 201: ageGroupSchema } } },
    async (request, reply) => {
      const group = await ageGroups.restore(request.params.id);
      reply.code(201);
      return group;
    },
  );
};
