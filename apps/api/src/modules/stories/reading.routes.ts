import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { messageResponse } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import { createQuotaService } from '../quota/quota.service';
import { createPremiumService } from '../users/premium.service';
import { downloadSchema, downloadsPage, removedSchema } from './downloads.schemas';
import { createDownloadService } from './downloads.service';
import { createdPage, kidIdParams, kidStoryParams, libraryPage, libraryQuery } from './library.schemas';
import { createLibraryService } from './library.service';
import {
  kidProgressBody,
  kidProgressRow,
  kidProgressSaved,
  storyIdParams,
  userProgressBody,
  userProgressRow,
  userProgressSaved,
} from './progress.schemas';
import { createProgressService } from './progress.service';
import {
  pathIdParams,
  startPathBody,
  storyPathPage,
  storyPathSchema,
  updatePathBody,
} from './story-paths.schemas';
import { createStoryPathService } from './story-paths.service';

const session = { access: 'session' } as const;
const progressTags = ['story-progress'];
const libraryTags = ['story-library'];
const pathTags = ['story-paths'];

/** STORY-18..24, STORY-35..38 and STORY-40..46 (api.md §4.5, §4.6, §4.9). */
export const storyReadingRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const premium = createPremiumService({ db: core.db, cache: core.cache, now: core.now });
  const progress = createProgressService(core, createQuotaService({ premium, now: core.now }));
  const library = createLibraryService(core);
  const downloads = createDownloadService(core);
  const paths = createStoryPathService(core);

  // ---- progress (§4.5) ---------------------------------------------------------------------------

  app.post(
    '/stories/progress',
    {
      config: session,
      schema: { tags: progressTags, body: kidProgressBody, response: { 201: kidProgressSaved } },
    },
    async (request, reply) =>
      reply.code(201).send(await progress.saveForKid(callerOf(request), request.body)),
  );

  app.get(
    '/stories/progress/:kidId/:storyId',
    {
      config: session,
      schema: { tags: progressTags, params: kidStoryParams, response: { 200: kidProgressRow.nullable() } },
    },
    async (request) => progress.findForKid(callerOf(request), request.params.kidId, request.params.storyId),
  );

  app.post(
    '/stories/user/progress',
    {
      config: session,
      schema: { tags: progressTags, body: userProgressBody, response: { 201: userProgressSaved } },
    },
    async (request, reply) =>
      reply.code(201).send(await progress.saveForUser(callerOf(request).userId, request.body)),
  );

  app.get(
    '/stories/user/progress/:storyId',
    {
      config: session,
      schema: { tags: progressTags, params: storyIdParams, response: { 200: userProgressRow.nullable() } },
    },
    async (request) => progress.findForUser(callerOf(request).userId, request.params.storyId),
  );

  // ---- the parent's own library (§4.6) -----------------------------------------------------------

  app.get(
    '/stories/user/library/continue-reading',
    {
      config: session,
      schema: { tags: libraryTags, querystring: libraryQuery, response: { 200: libraryPage } },
    },
    async (request) => library.userShelf(callerOf(request).userId, 'continue-reading', request.query),
  );

  app.get(
    '/stories/user/library/completed',
    {
      config: session,
      schema: { tags: libraryTags, querystring: libraryQuery, response: { 200: libraryPage } },
    },
    async (request) => library.userShelf(callerOf(request).userId, 'completed', request.query),
  );

  app.delete(
    '/stories/user/library/remove/:storyId',
    {
      config: session,
      schema: { tags: libraryTags, params: storyIdParams, response: { 200: messageResponse } },
    },
    async (request) => library.removeFromUser(callerOf(request).userId, request.params.storyId),
  );

  // ---- kid libraries (§4.6, fix 23) --------------------------------------------------------------

  const kidList = { tags: libraryTags, params: kidIdParams, querystring: libraryQuery };

  app.get(
    '/stories/library/:kidId/continue-reading',
    { config: session, schema: { ...kidList, response: { 200: libraryPage } } },
    async (request) =>
      library.kidShelf(callerOf(request), request.params.kidId, 'continue-reading', request.query),
  );

  app.get(
    '/stories/library/:kidId/completed',
    { config: session, schema: { ...kidList, response: { 200: libraryPage } } },
    async (request) => library.kidShelf(callerOf(request), request.params.kidId, 'completed', request.query),
  );

  app.get(
    '/stories/library/:kidId/created',
    { config: session, schema: { ...kidList, response: { 200: createdPage } } },
    async (request) => library.kidCreated(callerOf(request), request.params.kidId, request.query),
  );

  app.get(
    '/stories/library/:kidId/downloads',
    { config: session, schema: { ...kidList, response: { 200: downloadsPage } } },
    async (request) => downloads.list(callerOf(request), request.params.kidId, request.query),
  );

  app.post(
    '/stories/library/:kidId/download/:storyId',
    {
      config: session,
      schema: { tags: libraryTags, params: kidStoryParams, response: { 201: downloadSchema } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await downloads.add(callerOf(request), request.params.kidId, request.params.storyId)),
  );

  app.delete(
    '/stories/library/:kidId/download/:storyId',
    {
      config: session,
      schema: { tags: libraryTags, params: kidStoryParams, response: { 200: removedSchema } },
    },
    async (request) => downloads.remove(callerOf(request), request.params.kidId, request.params.storyId),
  );

  app.delete(
    '/stories/library/:kidId/remove/:storyId',
    {
      config: session,
      schema: { tags: libraryTags, params: kidStoryParams, response: { 200: messageResponse } },
    },
    async (request) => library.removeFromKid(callerOf(request), request.params.kidId, request.params.storyId),
  );

  // ---- story paths (§4.9, fix 22) ----------------------------------------------------------------

  app.post(
    '/stories/story-path/start',
    { config: session, schema: { tags: pathTags, body: startPathBody, response: { 201: storyPathSchema } } },
    async (request, reply) =>
      reply.code(201).send(await paths.start(callerOf(request), request.body.kidId, request.body.storyId)),
  );

  app.patch(
    '/stories/story-path/update',
    { config: session, schema: { tags: pathTags, body: updatePathBody, response: { 200: storyPathSchema } } },
    async (request) => paths.update(callerOf(request), request.body),
  );

  app.get(
    '/stories/story-path/kid/:kidId',
    {
      config: session,
      schema: {
        tags: pathTags,
        params: kidIdParams,
        querystring: libraryQuery,
        response: { 200: storyPathPage },
      },
    },
    async (request) => paths.listForKid(callerOf(request), request.params.kidId, request.query),
  );

  app.get(
    '/stories/story-path/:id',
    { config: session, schema: { tags: pathTags, params: pathIdParams, response: { 200: storyPathSchema } } },
    async (request) => paths.find(callerOf(request), request.params.id),
  );
};
