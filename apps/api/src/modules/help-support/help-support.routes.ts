import { contact, faqs, privacy, terms } from '@storytime/content';
import { emailIntent, SUPPORT_RECIPIENT } from '@storytime/email-templates';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { messageResponse } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import {
  contactResponse,
  createTicketBody,
  faqsResponse,
  feedbackBody,
  textSectionSchema,
  ticketIdParams,
  ticketListQuery,
  ticketPage,
  ticketSchema,
} from './help-support.schemas';
import { createSupportTicketService } from './help-support.service';

const tags = ['help-support'];
const open = { access: 'public' as const };
const session = { access: 'session' as const };

/** HELP-01..08 (api.md §16). The static texts come from `@storytime/content`, versioned with the code. */
export const helpSupportRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const tickets = createSupportTicketService(core);

  // ---- static help texts -------------------------------------------------------------------------

  app.get(
    '/help-support/faqs',
    {
      config: open,
      schema: { tags, summary: 'Frequently asked questions', response: { 200: faqsResponse } },
    },
    async () => [...faqs],
  );

  app.get(
    '/help-support/contact',
    { config: open, schema: { tags, summary: 'Support contact', response: { 200: contactResponse } } },
    async () => contact,
  );

  app.get(
    '/help-support/terms',
    {
      config: open,
      schema: { tags, summary: 'Terms of service', response: { 200: z.array(textSectionSchema) } },
    },
    async () => [...terms],
  );

  app.get(
    '/help-support/privacy',
    { config: open, schema: { tags, summary: 'Privacy policy', response: { 200: textSectionSchema } } },
    async () => privacy,
  );

  // HELP-02: the support inbox gets the feedback by email, recorded with the outbox so a Redis
  // outage delays it instead of losing it. Replying answers the sender (Reply-To).
  app.post(
    '/help-support/feedback',
    {
      config: { access: 'public', rateLimitTiers: ['auth'] },
      schema: {
        tags,
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

  // ---- support tickets ---------------------------------------------------------------------------

  app.post(
    '/help-support/tickets',
    {
      config: session,
      schema: {
        tags,
        summary: 'Open a support ticket',
        body: createTicketBody,
        response: { 201: ticketSchema },
      },
    },
    async (request, reply) => {
      const ticket = await tickets.create(callerOf(request).userId, request.body);
      reply.code(201);
      return ticket;
    },
  );

  app.get(
    '/help-support/tickets',
    {
      config: session,
      schema: {
        tags,
        summary: "The caller's support tickets",
        querystring: ticketListQuery,
        response: { 200: ticketPage },
      },
    },
    async (request) => tickets.list(callerOf(request).userId, request.query),
  );

  app.get(
    '/help-support/tickets/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'One support ticket',
        params: ticketIdParams,
        response: { 200: ticketSchema },
      },
    },
    async (request) => tickets.get(callerOf(request).userId, request.params.id),
  );
};
