import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import { setEngagementTimeZone } from './events';
import {
  badgeListSchema,
  badgePreviewSchema,
  homeSchema,
  overviewSchema,
  progressQuery,
  streakSchema,
} from './progress.schemas';
import { createAchievementProgressService } from './progress.service';

const session = { access: 'session' } as const;
const tags = ['achievement-progress'];

/** PROG-01..05 (api.md §9): the caller's kid (`?kidId=`) or the parent aggregate. */
export const achievementRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  // Engagement events raised by other modules read local days in APP_TIMEZONE.
  setEngagementTimeZone(core.config.env.APP_TIMEZONE);
  const progress = createAchievementProgressService(core);

  app.get(
    '/progress/home',
    { config: session, schema: { tags, querystring: progressQuery, response: { 200: homeSchema } } },
    async (request) => progress.home(callerOf(request), request.query.kidId),
  );

  app.get(
    '/progress/streak',
    { config: session, schema: { tags, querystring: progressQuery, response: { 200: streakSchema } } },
    async (request) => progress.streak(callerOf(request), request.query.kidId),
  );

  app.get(
    '/progress/badges/preview',
    {
      config: session,
      schema: { tags, querystring: progressQuery, response: { 200: badgePreviewSchema.array() } },
    },
    async (request) => progress.preview(callerOf(request), request.query.kidId),
  );

  app.get(
    '/progress/badges',
    { config: session, schema: { tags, querystring: progressQuery, response: { 200: badgeListSchema } } },
    async (request) => progress.badges(callerOf(request), request.query.kidId),
  );

  app.get(
    '/progress/overview',
    { config: session, schema: { tags, querystring: progressQuery, response: { 200: overviewSchema } } },
    async (request) => progress.overview(callerOf(request), request.query.kidId),
  );
};
