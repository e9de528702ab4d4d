import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import {
  activityLogPage,
  activityLogSchema,
  analyticsStatsSchema,
  createLogBody,
  kidIdParams,
  logIdParams,
  logListQuery,
  userIdParams,
} from './activity-log.schemas';
import { createActivityLogService } from './activity-log.service';

const tags = ['activity-logs'];
const session = { access: 'session' as const };

/** LOG-01..05 (api.md §19). */
export const activityLogRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const logs = createActivityLogService(core);

  app.post(
    '/activity-logs',
    {
      config: session,
      schema: {
        tags,
        summary: 'Write an activity log entry',
        body: createLogBody,
        response: { 201: activityLogSchema },
      },
    },
    async (request, reply) => {
      const log = await logs.create(callerOf(request), request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      reply.code(201);
      return log;
    },
  );

  app.get(
    '/activity-logs/user/:userId',
    {
      config: session,
      schema: {
        tags,
        summary: "A user's activity log",
        params: userIdParams,
        querystring: logListQuery,
        response: { 200: activityLogPage },
      },
    },
    async (request) => logs.listForUser(callerOf(request), request.params.userId, request.query),
  );

  app.get(
    '/activity-logs/kid/:kidId',
    {
      config: session,
      schema: {
        tags,
        summary: "A kid's activity log",
        params: kidIdParams,
        querystring: logListQuery,
        response: { 200: activityLogPage },
      },
    },
    async (request) => logs.listForKid(callerOf(request), request.params.kidId, request.query),
  );

  app.get(
    '/activity-logs/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'One activity log entry',
        params: logIdParams,
        response: { 200: activityLogSchema },
      },
    },
    async (request) => logs.get(callerOf(request), request.params.id),
  );

  app.get(
    '/analytics/stats',
    {
      config: { access: 'admin' },
      schema: { tags: ['analytics'], summary: 'Live row counts', response: { 200: analyticsStatsSchema } },
    },
    async () => logs.stats(),
  );
};
