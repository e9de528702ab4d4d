import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import { AUDIO_RETRY_AFTER_SECONDS, type AudioOutcome } from './audio.service';
import {
  audioQuery,
  audioResultSchema,
  batchJobParams,
  batchStatusSchema,
  job202Schema,
  paragraphBatchBody,
  paragraphBatchSchema,
  storyIdParams,
  textAudioBody,
} from './voice.schemas';
import { voiceModuleFor } from './voice-module';

/**
 * The waiting answer of the audio routes: the audio once ready, else 202 `Job202` with `Retry-After`
 * so the client repeats the same request later (api.md §0.3, platform.md §10.3 item 6).
 */
function answer(reply: FastifyReply, outcome: AudioOutcome, readyStatus: 200 | 201) {
  if (outcome.kind === 'pending') {
    reply.code(202).header('Retry-After', String(AUDIO_RETRY_AFTER_SECONDS));
    return {
      message: 'The narration is being prepared; repeat the request shortly',
      jobId: outcome.jobId,
      status: outcome.status,
      retryAfterSeconds: AUDIO_RETRY_AFTER_SECONDS,
    };
  }
  reply.code(readyStatus);
  return {
    message: 'Audio generated successfully',
    audioUrl: outcome.audioUrl,
    voiceId: outcome.voiceKey,
    statusCode: 200 as const,
  };
}

/**
 * STORY-39/47 (api.md §4.10), their twins VOICE-09/10 (§6, both metered alike: fix 41) and the
 * paragraph batches TTS-01/02 (Part 2 §B). The batches use the default rate tier: the spec's 10/min
 * and 30/min tiers are not in the limiter yet.
 */
export const storyAudioRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const module = voiceModuleFor(core);
  const { audio, paragraphs } = module;
  app.addHook('onClose', async () => module.close());
  const session = { access: 'session' } as const;

  for (const prefix of ['/stories/story/audio', '/voice/story/audio']) {
    app.get(
      `${prefix}/:id`,
      {
        config: session,
        schema: {
          params: storyIdParams,
          querystring: audioQuery,
          response: { 200: audioResultSchema, 202: job202Schema },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await audio.narrateStory(callerOf(request).userId, request.params.id, request.query.voiceId),
          200,
        ),
    );

    app.post(
      prefix,
      {
        config: session,
        schema: { body: textAudioBody, response: { 201: audioResultSchema, 202: job202Schema } },
      },
      async (request, reply) =>
        answer(
          reply,
          await audio.narrateText(callerOf(request).userId, request.body.content, request.body.voiceId),
          201,
        ),
    );
  }

  app.post(
    '/voice/story/audio/batch',
    { config: session, schema: { body: paragraphBatchBody, response: { 200: paragraphBatchSchema } } },
    async (request) => paragraphs.batch(callerOf(request).userId, request.body.storyId, request.body.voiceId),
  );

  app.get(
    '/voice/story/audio/batch/status/:batchJobId',
    { config: session, schema: { params: batchJobParams, response: { 200: batchStatusSchema } } },
    async (request) => paragraphs.batchStatus(callerOf(request).userId, request.params.batchJobId),
  );
};
