import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { kidDtoSchema } from '../../lib/dto/kid-dto';
import { permanentQuery } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import { createPremiumService } from '../users/premium.service';
import {
  createKidsBody,
  kidDeletionResult,
  kidDetailSchema,
  kidIdParams,
  kidStatsSchema,
  updateKidBody,
} from './kid.schemas';
import { createKidService } from './kid.service';
import { createKidProfile } from './kid-profile';
import { createVoicePreference, type ElevenLabsVoiceLookup, offlineVoiceLookup } from './voice-preference';

export interface KidRoutesOptions extends ModuleOptions {
  /** The ElevenLabs voice lookup (providers.md §2.5); the offline default names a voice by its id. */
  voiceLookup?: ElevenLabsVoiceLookup;
}

/** KID-01..07 (api.md §2). Kids have no login: the parent's session acts for them. */
export const kidRoutes: FastifyPluginAsyncZod<KidRoutesOptions> = async (app, { core, voiceLookup }) => {
  const premium = createPremiumService({ db: core.db, cache: core.cache, now: core.now });
  const voices = createVoicePreference({
    db: core.db,
    premium,
    // The real ElevenLabs client arrives with packages/providers; until then (and always without
    // ELEVEN_LABS_KEY) nothing is looked up.
    lookup: voiceLookup ?? offlineVoiceLookup,
    now: core.now,
    warn: (error, message) => core.logger.warn({ err: error }, message),
  });
  const kids = createKidService(core, voices);
  const profiles = createKidProfile({ db: core.db, cache: core.cache, logger: core.logger });
  const session = { access: 'session' } as const;

  app.get(
    '/auth/kids',
    { config: session, schema: { response: { 200: z.array(kidDtoSchema) } } },
    async (request) => kids.listKids(callerOf(request).userId),
  );

  app.post(
    '/auth/kids',
    { config: session, schema: { body: createKidsBody, response: { 201: z.array(kidDtoSchema) } } },
    async (request, reply) =>
      reply.code(201).send(await kids.createKids(callerOf(request).userId, request.body)),
  );

  app.get(
    '/user/kids/:kidId',
    {
      config: session,
      schema: { params: kidIdParams, response: { 200: kidDetailSchema } },
      // After the answer is on its way: the access log never delays or fails the response (KID-03).
      onResponse: async (request, reply) => {
        if (reply.statusCode !== 200 || !request.principal) return;
        await profiles.recordAccess(request.principal.userId, (request.params as { kidId: string }).kidId, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        });
      },
    },
    async (request) => profiles.detail(callerOf(request), request.params.kidId),
  );

  app.put(
    '/auth/kids/:kidId',
    {
      config: session,
      schema: { params: kidIdParams, body: updateKidBody, response: { 200: kidDtoSchema } },
    },
    async (request) => kids.update(callerOf(request), request.params.kidId, request.body),
  );

  app.delete(
    '/auth/kids/:kidId',
    {
      config: session,
      schema: { params: kidIdParams, querystring: permanentQuery, response: { 200: kidDeletionResult } },
    },
    async (request) => kids.remove(callerOf(request), request.params.kidId, request.query.permanent),
  );

  app.post(
    '/auth/kids/:kidId/undo-delete',
    { config: session, schema: { params: kidIdParams, response: { 201: kidDtoSchema } } },
    async (request, reply) =>
      reply.code(201).send(await kids.undoDelete(callerOf(request), request.params.kidId)),
  );

  app.get(
    '/auth/kids/:kidId/recommendation-stats',
    { config: session, schema: { params: kidIdParams, response: { 200: kidStatsSchema } } },
    async (request) => kids.recommendationStats(callerOf(request), request.params.kidId),
  );
};
