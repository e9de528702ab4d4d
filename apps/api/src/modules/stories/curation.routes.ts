import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { permanentQuery } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import {
  addKidFavoriteBody,
  favoriteListQuery,
  kidFavoritePage,
  kidFavoriteSchema,
  kidIdParams,
  kidStoryParams,
  removedResponse,
} from './favorites.schemas';
import { createKidFavoriteService } from './favorites.service';
import {
  recommendationDeletion,
  recommendationIdParams,
  recommendationListQuery,
  recommendationPage,
  recommendationSchema,
  recommendationStats,
  recommendBody,
} from './recommendations.schemas';
import { createRecommendationService } from './recommendations.service';
import {
  restrictBody,
  restrictedStoryPage,
  restrictionListQuery,
  restrictionSchema,
  unrestrictedResponse,
} from './restrictions.schemas';
import { createRestrictionService } from './restrictions.service';

const session = { access: 'session' } as const;
const favoriteTags = ['story-favorites'];
const restrictionTags = ['story-restrictions'];
const recommendationTags = ['story-recommendations'];

/** STORY-12..17 and STORY-51..54 (api.md §4.3, §4.4, §4.13). Every kid named must be the caller's. */
export const storyCurationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const favorites = createKidFavoriteService(core);
  const restrictions = createRestrictionService(core);
  const recommendations = createRecommendationService(core);

  // ---- kid favorites (§4.3) -------------------------------------------------------------------------

  app.post(
    '/stories/favorites',
    {
      config: session,
      schema: { tags: favoriteTags, body: addKidFavoriteBody, response: { 201: kidFavoriteSchema } },
    },
    async (request, reply) => reply.code(201).send(await favorites.add(callerOf(request), request.body)),
  );

  app.delete(
    '/stories/favorites/:kidId/:storyId',
    {
      config: session,
      schema: { tags: favoriteTags, params: kidStoryParams, response: { 200: removedResponse } },
    },
    async (request) => favorites.remove(callerOf(request), request.params.kidId, request.params.storyId),
  );

  app.get(
    '/stories/favorites/:kidId',
    {
      config: session,
      schema: {
        tags: favoriteTags,
        params: kidIdParams,
        querystring: favoriteListQuery,
        response: { 200: kidFavoritePage },
      },
    },
    async (request) => favorites.list(callerOf(request), request.params.kidId, request.query),
  );

  // ---- restrictions (§4.4) --------------------------------------------------------------------------

  app.post(
    '/stories/auth/restrict',
    {
      config: session,
      schema: { tags: restrictionTags, body: restrictBody, response: { 201: restrictionSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await restrictions.restrict(callerOf(request), request.body)),
  );

  app.delete(
    '/stories/auth/restrict/:kidId/:storyId',
    {
      config: session,
      schema: { tags: restrictionTags, params: kidStoryParams, response: { 200: unrestrictedResponse } },
    },
    async (request) =>
      restrictions.unrestrict(callerOf(request), request.params.kidId, request.params.storyId),
  );

  app.get(
    '/stories/auth/restrict/:kidId',
    {
      config: session,
      schema: {
        tags: restrictionTags,
        params: kidIdParams,
        querystring: restrictionListQuery,
        response: { 200: restrictedStoryPage },
      },
    },
    async (request) => restrictions.list(callerOf(request), request.params.kidId, request.query),
  );

  // ---- parent recommendations (§4.13) ---------------------------------------------------------------

  app.post(
    '/stories/recommend',
    {
      config: session,
      schema: { tags: recommendationTags, body: recommendBody, response: { 201: recommendationSchema } },
      // The row's own `message` is the parent's note to the kid, not a status text: the envelope
      // hook would otherwise promote it to the envelope message. Route hooks run after app hooks.
      preSerialization: async (request, _reply, payload) => {
        request.envelopeMessage = 'Story recommended';
        return payload;
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recommendations.recommend(callerOf(request), request.body)),
  );

  app.get(
    '/stories/recommendations/kid/:kidId',
    {
      config: session,
      schema: {
        tags: recommendationTags,
        params: kidIdParams,
        querystring: recommendationListQuery,
        response: { 200: recommendationPage },
      },
    },
    async (request) => recommendations.list(callerOf(request), request.params.kidId, request.query),
  );

  app.get(
    '/stories/recommendations/kid/:kidId/stats',
    {
      config: session,
      schema: { tags: recommendationTags, params: kidIdParams, response: { 200: recommendationStats } },
    },
    async (request) => recommendations.stats(callerOf(request), request.params.kidId),
  );

  app.delete(
    '/stories/recommendations/:recommendationId',
    {
      config: session,
      schema: {
        tags: recommendationTags,
        params: recommendationIdParams,
        querystring: permanentQuery,
        response: { 200: recommendationDeletion },
      },
    },
    async (request) =>
      recommendations.remove(callerOf(request), request.params.recommendationId, request.query.permanent),
  );
};
