import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import {
  assignAllBody,
  assignBody,
  assignmentIdParams,
  assignmentListQuery,
  assignmentPage,
  assignmentSchema,
  assignmentWithChallengeSchema,
  challengeSchema,
  challengesByDateQuery,
  challengeWithStorySchema,
  completeBody,
  createChallengeBody,
  jobAccepted,
  kidIdParams,
  todayQuery,
  weekQuery,
} from './daily-challenge.schemas';
import { createDailyChallengeService } from './daily-challenge.service';

const session = { access: 'session' } as const;
const admin = { access: 'admin' } as const;
const tags = ['daily-challenge'];

/**
 * STORY-26..34 (api.md §4.8, rules.md §9). Creating, listing and assign-all are admin; every
 * kid-scoped route is owner-only and answers 404 for another family's kid or assignment (fix 21).
 */
export const dailyChallengeRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const challenges = createDailyChallengeService(core);

  app.post(
    '/stories/daily-challenge',
    { config: admin, schema: { tags, body: createChallengeBody, response: { 201: challengeSchema } } },
    async (request, reply) => reply.code(201).send(await challenges.create(request.body)),
  );

  app.get(
    '/stories/daily-challenge',
    {
      config: admin,
      schema: {
        tags,
        querystring: challengesByDateQuery,
        response: { 200: z.array(challengeWithStorySchema) },
      },
    },
    async (request) => challenges.listByDate(request.query.date),
  );

  app.post(
    '/stories/daily-challenge/assign',
    { config: session, schema: { tags, body: assignBody, response: { 201: assignmentSchema } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await challenges.assign(callerOf(request), request.body.kidId, request.body.challengeId)),
  );

  app.post(
    '/stories/daily-challenge/complete',
    { config: session, schema: { tags, body: completeBody, response: { 201: assignmentSchema } } },
    async (request, reply) =>
      reply.code(201).send(await challenges.complete(callerOf(request), request.body.assignmentId)),
  );

  app.post(
    '/stories/daily-challenge/assign-all',
    { config: admin, schema: { tags, body: assignAllBody, response: { 202: jobAccepted } } },
    async (request, reply) =>
      reply.code(202).send(await challenges.assignAll(callerOf(request), request.body?.date)),
  );

  app.get(
    '/stories/daily-challenge/today',
    {
      config: session,
      schema: { tags, querystring: todayQuery, response: { 200: assignmentWithChallengeSchema } },
    },
    async (request) => challenges.findToday(callerOf(request), request.query.kidId),
  );

  app.get(
    '/stories/daily-challenge/kid/:kidId',
    {
      config: session,
      schema: {
        tags,
        params: kidIdParams,
        querystring: assignmentListQuery,
        response: { 200: assignmentPage },
      },
    },
    async (request) => challenges.listForKid(callerOf(request), request.params.kidId, request.query),
  );

  app.get(
    '/stories/daily-challenge/kid/:kidId/week',
    {
      config: session,
      schema: {
        tags,
        params: kidIdParams,
        querystring: weekQuery,
        response: { 200: z.array(assignmentWithChallengeSchema) },
      },
    },
    async (request) => challenges.listWeek(callerOf(request), request.params.kidId, request.query.weekStart),
  );

  app.get(
    '/stories/daily-challenge/assignment/:id',
    {
      config: session,
      schema: { tags, params: assignmentIdParams, response: { 200: assignmentWithChallengeSchema } },
    },
    async (request) => challenges.find(callerOf(request), request.params.id),
  );
};
