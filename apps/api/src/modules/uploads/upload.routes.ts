import { ValidationError } from '@storytime/errors';
import { MEDIA_FOLDERS, TRANSFORMATIONS } from '@storytime/media';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { mediaServiceFor } from '../../media/media.service';
import { AUDIO_MAX_BYTES, multipartIntake, readMultipart } from '../../media/multipart';
import { callerOf } from '../../plugins/principal';

const uploadResultSchema = z.object({
  url: z.string(),
  publicId: z.string(),
  mediaId: z.string(),
  status: z.enum(['stored', 'pending']),
});

/** UPLOAD-01 (api.md §20): a session caller's image (≤ 5 MB) or audio file (≤ 50 MB). */
export const uploadRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  await app.register(multipartIntake, { maxFileBytes: AUDIO_MAX_BYTES });
  const media = mediaServiceFor(core);

  app.post(
    '/upload',
    {
      config: { access: 'session' },
      schema: {
        consumes: ['multipart/form-data'],
        response: { 201: uploadResultSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const form = await readMultipart(request, {
        fileField: 'file',
        kinds: ['image', 'audio'],
        tmpDir: media.tmpDir,
        fields: z.object({}).strict(),
      });
      if (!form.file)
        throw new ValidationError('A file is required', [{ path: 'body.file', message: 'required' }]);
      const stored = await media.save(form.file, {
        ownerUserId: caller.userId,
        folder: MEDIA_FOLDERS.uploads(caller.userId),
        resourceType: 'auto',
        ...(form.file.kind === 'image' ? { transformation: TRANSFORMATIONS.qualityAuto } : {}),
      });
      reply.code(201);
      return { url: stored.url, publicId: stored.publicId, mediaId: stored.id, status: stored.status };
    },
  );
};
