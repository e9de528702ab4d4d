import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import {
  addParentFavoriteBody,
  parentFavoriteListQuery,
  parentFavoritePage,
  parentFavoriteSchema,
  removedResponse,
  storyIdParams,
} from './parent-favorite.schemas';
import { createParentFavoriteService } from './parent-favorite.service';

const session = { access: 'session' } as const;
const tags = ['parent-favorites'];

/** PFAV-01..03 (api.md §15): the caller's own favorites. */
export const parentFavoriteRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const favorites = createParentFavoriteService(core);

  app.post(
    '/parent-favorites',
    {
      config: session,
      schema: { tags, body: addParentFavoriteBody, response: { 201: parentFavoriteSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await favorites.add(callerOf(request).userId, request.body.storyId)),
  );

  app.get(
    '/parent-favorites',
    {
      config: session,
      schema: { tags, querystring: parentFavoriteListQuery, response: { 200: parentFavoritePage } },
    },
    async (request) => favorites.list(callerOf(request).userId, request.query),
  );

  app.delete(
    '/parent-favorites/:storyId',
    { config: session, schema: { tags, params: storyIdParams, response: { 200: removedResponse } } },
    async (request) => favorites.remove(callerOf(request).userId, request.params.storyId),
  );
};
