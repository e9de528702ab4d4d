import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** NOTIF-01..03 and NPREF-01..07 (api.md §12). */
export const notificationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
