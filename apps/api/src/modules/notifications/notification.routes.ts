import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleOptions } from '../../composition';
import { messageResponse, permanentQuery } from '../../lib/schemas';
import { callerOf } from '../../plugins/principal';
import {
  groupedPreferencesSchema,
  kidIdParams,
  listNotificationsQuery,
  markReadBody,
  notificationPage,
  preferenceIdParams,
  preferenceSchema,
  setCategoriesBody,
  setEnabledBody,
  updatedResponse,
  upsertPreferencesBody,
  userIdParams,
} from './notification.schemas';
import { createNotificationService } from './notification.service';
import { createNotificationPreferenceService } from './notification-preference.service';

const session = { access: 'session' as const };
const inboxTags = ['notifications'];
const preferenceTags = ['notification-preferences'];

/** NOTIF-01..03, NPREF-01..07 (api.md §12) and the user-level preference routes USER-20/21 (api.md §3). */
export const notificationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const inbox = createNotificationService(core);
  const preferences = createNotificationPreferenceService(core);

  // ---- inbox -------------------------------------------------------------------------------------

  app.get(
    '/notifications',
    {
      config: session,
      schema: { tags: inboxTags, querystring: listNotificationsQuery, response: { 200: notificationPage } },
    },
    async (request) => inbox.list(callerOf(request).userId, request.query),
  );

  app.patch(
    '/notifications/mark-read',
    { config: session, schema: { tags: inboxTags, body: markReadBody, response: { 200: updatedResponse } } },
    async (request) => inbox.markRead(callerOf(request).userId, request.body.notificationIds),
  );

  app.patch(
    '/notifications/mark-all-read',
    { config: session, schema: { tags: inboxTags, response: { 200: updatedResponse } } },
    async (request) => inbox.markAllRead(callerOf(request).userId),
  );

  // ---- preference rows ---------------------------------------------------------------------------

  app.post(
    '/notification-preferences',
    {
      config: session,
      schema: {
        tags: preferenceTags,
        body: upsertPreferencesBody,
        response: { 201: z.array(preferenceSchema) },
      },
    },
    async (request, reply) => {
      const saved = await preferences.upsert(callerOf(request), request.body);
      reply.code(201);
      return saved;
    },
  );

  app.get(
    '/notification-preferences/users/:userId',
    {
      config: session,
      schema: { tags: preferenceTags, params: userIdParams, response: { 200: z.array(preferenceSchema) } },
    },
    async (request) => preferences.listForUser(callerOf(request), request.params.userId),
  );

  app.get(
    '/notification-preferences/kids/:kidId',
    {
      config: session,
      schema: { tags: preferenceTags, params: kidIdParams, response: { 200: z.array(preferenceSchema) } },
    },
    async (request) => preferences.listForKid(callerOf(request), request.params.kidId),
  );

  app.get(
    '/notification-preferences/:id',
    {
      config: session,
      schema: { tags: preferenceTags, params: preferenceIdParams, response: { 200: preferenceSchema } },
    },
    async (request) => preferences.get(callerOf(request), request.params.id),
  );

  app.patch(
    '/notification-preferences/:id',
    {
      config: session,
      schema: {
        tags: preferenceTags,
        params: preferenceIdParams,
        body: setEnabledBody,
        response: { 200: preferenceSchema },
      },
    },
    async (request) => preferences.setEnabled(callerOf(request), request.params.id, request.body.enabled),
  );

  app.delete(
    '/notification-preferences/:id',
    {
      config: session,
      schema: {
        tags: preferenceTags,
        params: preferenceIdParams,
        querystring: permanentQuery,
        response: { 200: messageResponse },
      },
    },
    async (request) => preferences.remove(callerOf(request), request.params.id, request.query.permanent),
  );

  app.post(
    '/notification-preferences/:id/undo-delete',
    {
      config: session,
      schema: { tags: preferenceTags, params: preferenceIdParams, response: { 201: preferenceSchema } },
    },
    async (request, reply) => {
      const restored = await preferences.restore(callerOf(request), request.params.id);
      reply.code(201);
      return restored;
    },
  );

  // ---- user-level grouped view (USER-20/21) -------------------------------------------------------

  app.get(
    '/users/:userId/notification-preferences',
    {
      config: session,
      schema: { tags: preferenceTags, params: userIdParams, response: { 200: groupedPreferencesSchema } },
    },
    async (request) => preferences.grouped(callerOf(request), request.params.userId),
  );

  app.patch(
    '/users/:userId/notification-preferences',
    {
      config: session,
      schema: {
        tags: preferenceTags,
        params: userIdParams,
        body: setCategoriesBody,
        response: { 200: groupedPreferencesSchema },
      },
    },
    async (request) => preferences.setCategories(callerOf(request), request.params.userId, request.body),
  );
};
