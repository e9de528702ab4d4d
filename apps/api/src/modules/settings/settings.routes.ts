import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import {
  applyDefaultResponse,
  kidIdParams,
  kidLimitResponse,
  kidsLimitsResponse,
  parentIdParams,
  setKidLimitBody,
  setKidLimitResponse,
  settingsSchema,
  updateSettingsBody,
  userIdParams,
} from './settings.schemas';
import { createSettingsService } from './settings.service';

const session = { access: 'session' as const };
const tags = ['settings'];

/** SET-01..06 (api.md §11): parent settings and kid screen-time limits. */
export const settingsRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const settings = createSettingsService(core);

  app.get(
    '/settings/:userId',
    { config: session, schema: { tags, params: userIdParams, response: { 200: settingsSchema } } },
    async (request) => settings.get(callerOf(request), request.params.userId),
  );

  app.put(
    '/settings/:userId',
    {
      config: session,
      schema: { tags, params: userIdParams, body: updateSettingsBody, response: { 200: settingsSchema } },
    },
    async (request) => settings.update(callerOf(request), request.params.userId, request.body),
  );

  app.patch(
    '/settings/kid/:kidId/daily-limit',
    {
      config: session,
      schema: { tags, params: kidIdParams, body: setKidLimitBody, response: { 200: setKidLimitResponse } },
    },
    async (request) => settings.setKidLimit(callerOf(request), request.params.kidId, request.body.limitMins),
  );

  app.get(
    '/settings/kid/:kidId/daily-limit',
    { config: session, schema: { tags, params: kidIdParams, response: { 200: kidLimitResponse } } },
    async (request) => settings.kidLimit(callerOf(request), request.params.kidId),
  );

  app.get(
    '/settings/parent/:parentId/kids-limits',
    { config: session, schema: { tags, params: parentIdParams, response: { 200: kidsLimitsResponse } } },
    async (request) => settings.kidsLimits(callerOf(request), request.params.parentId),
  );

  app.post(
    '/settings/parent/:parentId/apply-default-to-kids',
    { config: session, schema: { tags, params: parentIdParams, response: { 201: applyDefaultResponse } } },
    async (request, reply) => {
      const result = await settings.applyDefault(callerOf(request), request.params.parentId);
      reply.code(201);
      return result;
    },
  );
};
