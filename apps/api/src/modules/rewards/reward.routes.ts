import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import {
  createRewardBody,
  deletedRewardSchema,
  kidIdParams,
  redeemBody,
  redemptionListQuery,
  redemptionPage,
  redemptionSchema,
  redemptionStatusBody,
  rewardIdParams,
  rewardSchema,
  updateRewardBody,
} from './reward.schemas';
import { createRewardService } from './reward.service';

const session = { access: 'session' } as const;
const tags = ['rewards'];

/** REWARD-01..10 (api.md §8): parent-owned rewards and the redemption workflow of rules.md §11. */
export const rewardRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const rewards = createRewardService(core);

  app.post(
    '/rewards',
    { config: session, schema: { tags, body: createRewardBody, response: { 201: rewardSchema } } },
    async (request, reply) => reply.code(201).send(await rewards.create(callerOf(request), request.body)),
  );

  app.get(
    '/rewards',
    { config: session, schema: { tags, response: { 200: rewardSchema.array() } } },
    async (request) => rewards.list(callerOf(request)),
  );

  app.get(
    '/rewards/kid/:kidId',
    { config: session, schema: { tags, params: kidIdParams, response: { 200: rewardSchema.array() } } },
    async (request) => rewards.listForKid(callerOf(request), request.params.kidId),
  );

  app.post(
    '/rewards/redeem',
    { config: session, schema: { tags, body: redeemBody, response: { 201: redemptionSchema } } },
    async (request, reply) => reply.code(201).send(await rewards.redeem(callerOf(request), request.body)),
  );

  app.patch(
    '/rewards/redemption/status',
    { config: session, schema: { tags, body: redemptionStatusBody, response: { 200: redemptionSchema } } },
    async (request) => rewards.decide(callerOf(request), request.body),
  );

  app.get(
    '/rewards/redemption/kid/:kidId',
    {
      config: session,
      schema: {
        tags,
        params: kidIdParams,
        querystring: redemptionListQuery,
        response: { 200: redemptionPage },
      },
    },
    async (request) => rewards.listRedemptions(callerOf(request), request.params.kidId, request.query),
  );

  app.get(
    '/rewards/redemption/:id',
    { config: session, schema: { tags, params: rewardIdParams, response: { 200: redemptionSchema } } },
    async (request) => rewards.getRedemption(callerOf(request), request.params.id),
  );

  app.get(
    '/rewards/:id',
    { config: session, schema: { tags, params: rewardIdParams, response: { 200: rewardSchema } } },
    async (request) => rewards.get(callerOf(request), request.params.id),
  );

  app.patch(
    '/rewards/:id',
    {
      config: session,
      schema: { tags, params: rewardIdParams, body: updateRewardBody, response: { 200: rewardSchema } },
    },
    async (request) => rewards.update(callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/rewards/:id',
    { config: session, schema: { tags, params: rewardIdParams, response: { 200: deletedRewardSchema } } },
    async (request) => rewards.remove(callerOf(request), request.params.id),
  );
};
