import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { userDtoSchema } from '../../lib/dto/user-dto';
import { requireSelfOrAdmin } from '../../lib/ownership';
import { offsetPage, offsetQuery } from '../../lib/pagination';
import { permanentQuery } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import { deactivatedError } from '../auth/authenticator';
import { createAccountDeletion } from './account-deletion';
import { createPinService } from './pin.service';
import { createPremiumService } from './premium.service';
import {
  avatarBody,
  deletionRequestBody,
  deletionRequestResult,
  deletionResult,
  otpBody,
  parentProfileSchema,
  pinBody,
  resetPinBody,
  roleBody,
  roleResponse,
  successMessage,
  updateMeBody,
  updateUserBody,
  userIdParams,
  validResponse,
} from './user.schemas';
import { createUserService } from './user.service';

const client = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});

/** USER-01..19 (api.md §3). USER-20/21 (notification preferences) live in the notifications module. */
export const userRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const premium = createPremiumService({ db: core.db, cache: core.cache, now: core.now });
  const users = createUserService(core, premium);
  const pins = createPinService(core);
  const accounts = createAccountDeletion(core);

  const session = { access: 'session' } as const;
  const admin = { access: 'admin' } as const;
  const otp = { access: 'session' as const, rateLimitTiers: ['otp' as const] };

  app.get(
    '/user/me',
    {
      // Reachable when deactivated, so it can answer 410 with the restore details itself (api.md §0.1).
      config: { ...session, allowDeactivated: true },
      schema: { response: { 200: parentProfileSchema } },
    },
    async (request) => users.ownProfile(callerOf(request)),
  );

  app.patch(
    '/user/me',
    { config: session, schema: { body: updateMeBody, response: { 200: parentProfileSchema } } },
    async (request) => users.updateMe(callerOf(request).userId, request.body),
  );

  app.post(
    '/user/me/avatar',
    { config: session, schema: { body: avatarBody, response: { 201: parentProfileSchema } } },
    async (request, reply) => {
      const profile = await users.setAvatar(callerOf(request).userId, request.body.avatarId);
      return reply.code(201).send(profile);
    },
  );

  app.post(
    '/user/me/pin',
    { config: session, schema: { body: pinBody, response: { 201: successMessage } } },
    async (request, reply) =>
      reply.code(201).send(await pins.setPin(callerOf(request).userId, request.body.pin)),
  );

  app.post(
    '/user/me/pin/verify',
    { config: otp, schema: { body: pinBody, response: { 201: successMessage } } },
    async (request, reply) =>
      reply.code(201).send(await pins.verifyPin(callerOf(request).userId, request.body.pin)),
  );

  app.post(
    '/user/me/pin/request-reset',
    { config: otp, schema: { response: { 201: successMessage.pick({ message: true }) } } },
    async (request, reply) =>
      reply.code(201).send(await pins.requestReset(callerOf(request).userId, client(request))),
  );

  app.post(
    '/user/me/pin/validate-otp',
    { config: otp, schema: { body: otpBody, response: { 201: validResponse } } },
    async (request, reply) =>
      reply.code(201).send(await pins.validateOtp(callerOf(request).userId, request.body.otp)),
  );

  app.post(
    '/user/me/pin/reset-with-otp',
    { config: otp, schema: { body: resetPinBody, response: { 201: successMessage } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await pins.resetWithOtp(callerOf(request).userId, request.body.otp, request.body.newPin)),
  );

  app.delete(
    '/user/me',
    {
      // Only the permanent form is open to a deactivated account (api.md §0.1); checked below.
      config: { ...session, allowDeactivated: true },
      schema: { querystring: permanentQuery, response: { 200: deletionResult } },
    },
    async (request) => {
      const caller = callerOf(request);
      const { permanent } = request.query;
      if (caller.deactivated && !permanent) throw deactivatedError();
      return accounts.deleteAccount(caller.userId, {
        permanent,
        actorId: caller.userId,
        client: client(request),
      });
    },
  );

  app.post(
    '/user/me/delete',
    {
      config: session,
      schema: {
        querystring: permanentQuery,
        body: deletionRequestBody,
        response: { 201: deletionRequestResult },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await accounts.requestDeletion(callerOf(request).userId, request.body, request.query.permanent),
        ),
  );

  app.post(
    '/user/me/undo-delete',
    { config: { ...session, allowDeactivated: true }, schema: { response: { 201: parentProfileSchema } } },
    async (request, reply) => {
      const { userId } = callerOf(request);
      await accounts.restoreSelf(userId);
      return reply.code(201).send(await users.me(userId));
    },
  );

  app.get(
    '/user',
    { config: admin, schema: { querystring: offsetQuery(10), response: { 200: offsetPage(userDtoSchema) } } },
    async (request) => users.listUsers({ includeDeleted: true, ...request.query }),
  );

  app.get(
    '/user/active',
    { config: admin, schema: { querystring: offsetQuery(10), response: { 200: offsetPage(userDtoSchema) } } },
    async (request) => users.listUsers({ includeDeleted: false, ...request.query }),
  );

  app.get(
    '/user/:id',
    { config: session, schema: { params: userIdParams, response: { 200: userDtoSchema } } },
    async (request) => users.getUser(callerOf(request), request.params.id),
  );

  app.put(
    '/user/:id',
    {
      config: session,
      schema: { params: userIdParams, body: updateUserBody, response: { 200: userDtoSchema } },
    },
    async (request) => users.updateUser(callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/user/:id',
    {
      config: session,
      schema: { params: userIdParams, querystring: permanentQuery, response: { 200: deletionResult } },
    },
    async (request) => {
      const caller = callerOf(request);
      const { id } = request.params;
      requireSelfOrAdmin(caller, id);
      return accounts.deleteAccount(id, {
        permanent: request.query.permanent,
        actorId: caller.userId,
        client: client(request),
      });
    },
  );

  app.post(
    '/user/:id/undo-delete',
    { config: admin, schema: { params: userIdParams, response: { 201: userDtoSchema } } },
    async (request, reply) => {
      await accounts.restoreByAdmin(request.params.id, callerOf(request).userId);
      return reply.code(201).send(await users.userDto(request.params.id));
    },
  );

  app.get(
    '/user/:id/role',
    { config: admin, schema: { params: userIdParams, response: { 200: roleResponse } } },
    async (request) => users.getRole(request.params.id),
  );

  app.patch(
    '/user/:id/role',
    { config: admin, schema: { params: userIdParams, body: roleBody, response: { 200: userDtoSchema } } },
    async (request) => users.setRole(request.params.id, request.body.role),
  );
};
