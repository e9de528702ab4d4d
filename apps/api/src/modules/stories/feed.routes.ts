import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import { categoriesResponse, seasonsResponse, themesResponse } from './catalogue.schemas';
import { createCatalogue } from './catalogue.service';
import { feedQuery, feedResponse } from './feed.schemas';
import { createStoryFeed } from './feed.service';
import { homepageQuery, homepageResponse } from './homepage.schemas';
import { createHomepage } from './homepage.service';
import {
  storyListResponse,
  topPicksFromUsQuery,
  topPicksParentsQuery,
  topPicksParentsResponse,
} from './top-picks.schemas';
import { createTopPicks } from './top-picks.service';

const publicAccess = { access: 'public' } as const;
const session = { access: 'session' } as const;
const tags = ['stories'];

/** STORY-01..05, STORY-55, STORY-56 (api.md §4.1, §4.14). */
export const storyFeedRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const catalogue = createCatalogue(core);
  const topPicks = createTopPicks(core);
  const feed = createStoryFeed(core, { catalogue, topPicks });
  const homepage = createHomepage(core, catalogue);

  // Public, but `session+owner` when `kidId` is given: the feed service checks the caller then.
  app.get(
    '/stories',
    { config: publicAccess, schema: { tags, querystring: feedQuery, response: { 200: feedResponse } } },
    async (request) => feed.list(request.principal, request.query),
  );

  app.get(
    '/stories/homepage/parent',
    { config: session, schema: { tags, querystring: homepageQuery, response: { 200: homepageResponse } } },
    async (request) => homepage.forParent(callerOf(request).userId, request.query),
  );

  app.get(
    '/stories/categories',
    { config: publicAccess, schema: { tags, response: { 200: categoriesResponse } } },
    async () => catalogue.categories(),
  );

  app.get(
    '/stories/themes',
    { config: publicAccess, schema: { tags, response: { 200: themesResponse } } },
    async () => catalogue.themes(),
  );

  app.get(
    '/stories/seasons',
    { config: publicAccess, schema: { tags, response: { 200: seasonsResponse } } },
    async () => catalogue.seasons(),
  );

  app.get(
    '/stories/recommendations/top-picks',
    {
      config: publicAccess,
      schema: { tags, querystring: topPicksParentsQuery, response: { 200: topPicksParentsResponse } },
    },
    async (request) => topPicks.fromParents(request.query.limit),
  );

  app.get(
    '/stories/top-picks-from-us',
    {
      config: publicAccess,
      schema: { tags, querystring: topPicksFromUsQuery, response: { 200: storyListResponse } },
    },
    async (request) => topPicks.fromUs(request.query.limit),
  );
};
