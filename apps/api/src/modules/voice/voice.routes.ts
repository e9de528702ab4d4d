import { ValidationError } from '@storytime/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { mediaServiceFor } from '../../media/media.service';
import { AUDIO_MAX_BYTES, multipartIntake, readMultipart, type UploadedFile } from '../../media/multipart';
import { callerOf } from '../../plugins/principal';
import {
  elevenLabsVoiceBody,
  emptyVoiceSchema,
  secondVoiceResultSchema,
  transcriptionSchema,
  uploadFields,
  uploadResultSchema,
  voiceAccessSchema,
  voiceDtoSchema,
  voiceIdBody,
} from './voice.schemas';
import { voiceModuleFor } from './voice-module';

const requireFile = (file: UploadedFile | null): UploadedFile => {
  if (!file)
    throw new ValidationError('An audio file is required', [{ path: 'body.file', message: 'required' }]);
  return file;
};

/** VOICE-01..08 and VOICE-11 (api.md §6). The audio routes (VOICE-09/10, TTS-01/02) are in audio.routes.ts. */
export const voiceRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  await app.register(multipartIntake, { maxFileBytes: AUDIO_MAX_BYTES });
  const module = voiceModuleFor(core);
  const { voices } = module;
  const { tmpDir } = mediaServiceFor(core);
  app.addHook('onClose', async () => module.close());
  const session = { access: 'session' } as const;

  app.post(
    '/voice/upload',
    {
      config: session,
      schema: { consumes: ['multipart/form-data'], response: { 201: uploadResultSchema } },
    },
    async (request, reply) => {
      const { userId } = callerOf(request);
      await voices.requirePremium(userId);
      const form = await readMultipart(request, {
        fileField: 'file',
        kinds: ['audio'],
        tmpDir,
        fields: uploadFields,
      });
      const result = await voices.upload(userId, form.fields.name, requireFile(form.file));
      reply.code(201);
      return result;
    },
  );

  app.post(
    '/voice/elevenlabs',
    { config: session, schema: { body: elevenLabsVoiceBody, response: { 201: voiceDtoSchema } } },
    async (request, reply) => {
      const voice = await voices.registerElevenLabs(callerOf(request).userId, request.body);
      reply.code(201);
      return voice;
    },
  );

  app.get(
    '/voice',
    { config: session, schema: { response: { 200: z.array(voiceDtoSchema) } } },
    async (request) => voices.listOwn(callerOf(request).userId),
  );

  app.patch(
    '/voice/preferred',
    { config: session, schema: { body: voiceIdBody, response: { 200: voiceDtoSchema } } },
    async (request) => voices.setPreferred(callerOf(request).userId, request.body.voiceId),
  );

  app.get(
    '/voice/preferred',
    { config: session, schema: { response: { 200: z.union([voiceDtoSchema, emptyVoiceSchema]) } } },
    async (request) => voices.preferred(callerOf(request).userId),
  );

  app.patch(
    '/voice/second-voice',
    { config: session, schema: { body: voiceIdBody, response: { 200: secondVoiceResultSchema } } },
    async (request) => voices.setSecondVoice(callerOf(request).userId, request.body.voiceId),
  );

  app.get(
    '/voice/access',
    { config: session, schema: { response: { 200: voiceAccessSchema } } },
    async (request) => voices.access(callerOf(request).userId),
  );

  app.get(
    '/voice/available',
    { config: session, schema: { response: { 200: z.array(voiceDtoSchema) } } },
    async () => voices.available(),
  );

  app.post(
    '/voice/transcribe',
    {
      config: session,
      schema: { consumes: ['multipart/form-data'], response: { 201: transcriptionSchema } },
    },
    async (request, reply) => {
      voices.requireTranscription();
      const form = await readMultipart(request, {
        fileField: 'file',
        kinds: ['audio'],
        tmpDir,
        fields: z.object({}).strict(),
      });
      const result = await voices.transcribe(requireFile(form.file));
      reply.code(201);
      return result;
    },
  );
};
