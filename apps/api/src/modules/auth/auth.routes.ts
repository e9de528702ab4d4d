import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { authResultSchema, userDtoSchema } from '../../lib/dto/user-dto';
import { messageResponse } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import type { TierName } from '../../plugins/rate-limit/index';
import {
  appleBody,
  changePasswordBody,
  completeProfileBody,
  emailOnlyBody,
  googleBody,
  learningExpectationSchema,
  loginBody,
  oauthCallbackQuery,
  oauthStartQuery,
  refreshBody,
  registerBody,
  resetPasswordBody,
  updateProfileBody,
  validateResetBody,
  validResponse,
  verifyEmailBody,
} from './auth.schemas';
import { createAuthService } from './auth.service';
import { createOAuthService, type Redirect } from './oauth/oauth.service';
import { createPasswordService } from './password.service';
import { createProfileService } from './profile.service';
import type { ClientInfo } from './session.service';
import { createVerificationService } from './verification.service';

const tags = ['auth'];

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/**
 * AUTH-01..18 (api.md §1). Rate-limit tiers of platform.md §5: login per email and IP, register per
 * email and IP, the code routes per email (else user, else IP), OAuth sign-ins per IP, the other
 * public routes on the `auth` IP tier; signed-in routes use the default tier.
 */
export const authRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const auth = createAuthService(core);
  const verification = createVerificationService(core);
  const passwords = createPasswordService(core);
  const profiles = createProfileService(core);
  const oauth = createOAuthService({ ...core, auth });

  const open = (rateLimitTiers: TierName[]) => ({ access: 'public' as const, rateLimitTiers });
  const signedIn = { access: 'session' as const };

  app.post(
    '/auth/login',
    {
      config: open(['login-email', 'login-ip']),
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: loginBody,
        response: { 200: authResultSchema },
      },
    },
    async (request) => auth.login(request.body, clientOf(request)),
  );

  app.post(
    '/auth/refresh',
    {
      config: { ...open(['auth']), allowDeactivated: true },
      schema: {
        tags,
        summary: 'Rotate the refresh token',
        body: refreshBody,
        response: { 201: authResultSchema },
      },
    },
    async (request, reply) => {
      const result = await auth.refresh(request.body.token);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/auth/register',
    {
      config: open(['register-email', 'register-ip']),
      schema: {
        tags,
        summary: 'Create a parent account',
        body: registerBody,
        response: { 200: authResultSchema },
      },
    },
    async (request) => auth.register(request.body, clientOf(request)),
  );

  app.post(
    '/auth/complete-profile',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Onboarding profile step',
        body: completeProfileBody,
        response: { 200: userDtoSchema },
      },
    },
    async (request) => profiles.completeProfile(callerOf(request), request.body),
  );

  app.get(
    '/auth/learning-expectations',
    {
      config: open(['auth']),
      schema: {
        tags,
        summary: 'Learning expectations catalogue',
        response: { 200: z.array(learningExpectationSchema) },
      },
    },
    async () => profiles.learningExpectations(),
  );

  app.post(
    '/auth/logout',
    {
      config: { ...signedIn, allowDeactivated: true },
      schema: { tags, summary: 'Revoke the current session', response: { 201: messageResponse } },
    },
    async (request, reply) => reply.code(201).send(await auth.logout(callerOf(request))),
  );

  app.post(
    '/auth/logout-all',
    {
      config: { ...signedIn, allowDeactivated: true },
      schema: { tags, summary: 'Revoke every session of the caller', response: { 201: messageResponse } },
    },
    async (request, reply) => reply.code(201).send(await auth.logoutAll(callerOf(request))),
  );

  app.post(
    '/auth/verify-email',
    {
      config: open(['otp']),
      schema: {
        tags,
        summary: 'Verify the email with its code',
        body: verifyEmailBody,
        response: { 200: messageResponse },
      },
    },
    async (request) => verification.verifyEmail(request.body),
  );

  app.post(
    '/auth/send-verification',
    {
      config: open(['otp']),
      schema: {
        tags,
        summary: 'Send a new verification code',
        body: emailOnlyBody,
        response: { 200: messageResponse },
      },
    },
    async (request) => verification.sendVerification(request.body.email, clientOf(request)),
  );

  app.put(
    '/auth/profile',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Update the profile settings',
        body: updateProfileBody,
        response: { 200: userDtoSchema },
      },
    },
    async (request) => profiles.updateProfile(callerOf(request), request.body),
  );

  app.post(
    '/auth/change-password',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change the password',
        body: changePasswordBody,
        response: { 200: messageResponse },
      },
    },
    async (request) => passwords.changePassword(callerOf(request), request.body),
  );

  app.post(
    '/auth/request-password-reset',
    {
      config: open(['otp']),
      schema: {
        tags,
        summary: 'Email a password reset code',
        body: emailOnlyBody,
        response: { 200: messageResponse },
      },
    },
    async (request) => passwords.requestReset(request.body.email, clientOf(request)),
  );

  app.post(
    '/auth/validate-reset-token',
    {
      config: open(['otp']),
      schema: {
        tags,
        summary: 'Check a password reset code',
        body: validateResetBody,
        response: { 201: validResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await passwords.validateResetToken(request.body)),
  );

  app.post(
    '/auth/reset-password',
    {
      config: open(['otp']),
      schema: {
        tags,
        summary: 'Set a new password with a reset code',
        body: resetPasswordBody,
        response: { 200: messageResponse },
      },
    },
    async (request) => passwords.resetPassword(request.body, clientOf(request)),
  );

  app.post(
    '/auth/google',
    {
      config: open(['login-ip']),
      schema: {
        tags,
        summary: 'Sign in with a Google id_token',
        body: googleBody,
        response: { 200: authResultSchema },
      },
    },
    async (request) => oauth.signInWithGoogle(request.body.id_token, clientOf(request)),
  );

  app.post(
    '/auth/apple',
    {
      config: open(['login-ip']),
      schema: {
        tags,
        summary: 'Sign in with an Apple id_token',
        body: appleBody,
        response: { 200: authResultSchema },
      },
    },
    async (request) =>
      oauth.signInWithApple(
        {
          idToken: request.body.id_token,
          firstName: request.body.firstName,
          lastName: request.body.lastName,
          nonce: request.body.nonce,
        },
        clientOf(request),
      ),
  );

  const redirect = (reply: FastifyReply, target: Redirect) => {
    if (target.cookie) reply.header('set-cookie', target.cookie);
    return reply.redirect(target.location, 302);
  };

  app.get(
    '/auth/google/oauth',
    {
      config: { ...open(['auth']), envelope: false },
      schema: { tags, summary: 'Start the Google web sign-in (302)', querystring: oauthStartQuery },
    },
    async (_request, reply) => redirect(reply, await oauth.startWebFlow()),
  );

  app.get(
    '/auth/google/oauth/callback',
    {
      config: { ...open(['login-ip']), envelope: false },
      schema: { tags, summary: 'Google web sign-in callback (302)', querystring: oauthCallbackQuery },
    },
    async (request, reply) =>
      redirect(reply, await oauth.finishWebFlow(request.query, request.headers.cookie, clientOf(request))),
  );
};
