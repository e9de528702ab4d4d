import type { FastifyContextConfig, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { storyDetailSchema } from '../../lib/dto/story-dto';
import { callerOf } from '../../plugins/principal';
import {
  cancelledSchema,
  generateBody,
  job202Schema,
  jobIdParams,
  jobNotReadySchema,
  jobStatusSchema,
  kidGenerationParams,
  kidGenerationQuery,
  queuedJobSchema,
} from './generation.schemas';
import {
  createGenerationService,
  GENERATION_RETRY_AFTER_SECONDS,
  type GenerationOutcome,
} from './generation.service';
import { createJobEventHub, streamJobEvents } from './job-events';

/** STORY-48/49 (api.md §4.11) and GEN-01..05 (api.md Part 2 §A). */
export const generationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const env = core.config.env;
  const hub = createJobEventHub({ redisUrl: env.REDIS_URL, prefix: env.CACHE_PREFIX });
  // Open event streams end before the server closes its idle connections, so shutdown does not
  // wait for them (a client reconnects elsewhere and gets the current state).
  const shutdown = new AbortController();
  const streams = new Set<Promise<void>>();
  app.addHook('preClose', async () => {
    shutdown.abort();
    await Promise.allSettled([...streams]);
  });
  app.addHook('onClose', async () => hub.close());
  const generation = createGenerationService(core, { subscriber: () => hub.ready() });

  // platform.md §5: free 5/min and 10/h per user, premium ×5.
  const generating: FastifyContextConfig = {
    access: 'session',
    rateLimitTiers: ['generation-minute', 'generation-hour'],
  };
  const session = { access: 'session' } as const;

  /** 201 with the story, or 202 `Job202` with `Retry-After` when it is not ready in time. */
  const answer = (reply: FastifyReply, outcome: GenerationOutcome) => {
    if (outcome.kind === 'completed') return reply.code(201).send(outcome.story);
    return reply.code(202).header('retry-after', String(GENERATION_RETRY_AFTER_SECONDS)).send({
      jobId: outcome.jobId,
      status: outcome.status,
      retryAfterSeconds: GENERATION_RETRY_AFTER_SECONDS,
    });
  };

  // STORY-48 (session; session+owner with kidId).
  app.post(
    '/stories/generate',
    {
      config: generating,
      schema: { body: generateBody, response: { 201: storyDetailSchema, 202: job202Schema } },
    },
    async (request, reply) => answer(reply, await generation.generate(callerOf(request), request.body)),
  );

  // STORY-49 (session+owner).
  app.post(
    '/stories/generate/kid/:kidId',
    {
      config: generating,
      schema: {
        params: kidGenerationParams,
        querystring: kidGenerationQuery,
        response: { 201: storyDetailSchema, 202: job202Schema },
      },
    },
    async (request, reply) => {
      const { theme, category } = request.query;
      const outcome = await generation.generate(callerOf(request), {
        kidId: request.params.kidId,
        themes: theme ? [theme] : [],
        categories: category ? [category] : [],
      });
      return answer(reply, outcome);
    },
  );

  // GEN-01: the same job without waiting.
  app.post(
    '/stories/generate/async',
    { config: generating, schema: { body: generateBody, response: { 202: queuedJobSchema } } },
    async (request, reply) => {
      const submitted = await generation.submit(callerOf(request), request.body);
      return reply.code(202).send({
        queued: true as const,
        jobId: submitted.jobId,
        status: 'queued' as const,
        estimatedWaitSeconds: generation.estimatedWaitSeconds(submitted.waitingBefore),
      });
    },
  );

  // GEN-02.
  app.get(
    '/stories/generate/jobs/:jobId',
    { config: session, schema: { params: jobIdParams, response: { 200: jobStatusSchema } } },
    async (request) => generation.status(callerOf(request), request.params.jobId),
  );

  // GEN-03: the family's own story, not metered by the quota.
  app.get(
    '/stories/generate/jobs/:jobId/result',
    {
      config: session,
      schema: { params: jobIdParams, response: { 200: storyDetailSchema, 202: jobNotReadySchema } },
    },
    async (request, reply) => {
      const outcome = await generation.result(callerOf(request), request.params.jobId);
      if (outcome.kind === 'completed') return outcome.story;
      return reply.code(202).send({ jobId: outcome.jobId, ready: false as const, status: outcome.status });
    },
  );

  // GEN-04.
  app.delete(
    '/stories/generate/jobs/:jobId',
    { config: session, schema: { params: jobIdParams, response: { 200: cancelledSchema } } },
    async (request) => generation.cancel(callerOf(request), request.params.jobId),
  );

  // GEN-05: server-sent events; ownership is checked before the stream opens, so errors keep
  // their usual JSON shape.
  app.get(
    '/stories/generate/jobs/:jobId/events',
    { config: { ...session, envelope: false }, schema: { params: jobIdParams } },
    async (request, reply) => {
      const job = await generation.ownJob(callerOf(request), request.params.jobId);
      const stream = streamJobEvents(reply, {
        db: core.db,
        hub,
        logger: core.logger,
        jobId: job.id,
        signal: shutdown.signal,
      });
      streams.add(stream);
      await stream.finally(() => streams.delete(stream));
    },
  );
};
