import { emailIntent, SUPPORT_RECIPIENT } from '@storytime/email-templates';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { email, messageResponse, str } from '../../lib/schemas';

const feedbackBody = z
  .object({
    fullname: str(1, 100),
    email,
    // New and optional (api.md §16): the reference body had no category.
    category: str(1, 50).optional(),
    message: str(1, 5000),
  })
  .strict();

/** HELP-01..08 (api.md §16). */
export const helpSupportRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  // HELP-02: the support inbox gets the feedback by email, recorded with the outbox so a Redis
  // outage delays it instead of losing it. Replying answers the sender (Reply-To).
  app.post(
    '/help-support/feedback',
    {
      config: { access: 'public', rateLimitTiers: ['auth'] },
      schema: {
        tags: ['help-support'],
        summary: 'Send feedback to the support team',
        body: feedbackBody,
        response: { 201: messageResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await core.outbox.transaction(async (_tx, outbox) => {
        await outbox.add(
          emailIntent(
            'feedback-notification',
            SUPPORT_RECIPIENT,
            {
              fullname: body.fullname,
              email: body.email,
              ...(body.category ? { category: body.category } : {}),
              message: body.message,
              submittedAt: core.now().toISOString(),
            },
            { replyTo: body.email, userId: request.principal?.userId ?? null },
          ),
        );
      });
      reply.code(201);
      return { message: 'Thank you for your feedback. Our team will get back to you soon.' };
    },
  );
};
