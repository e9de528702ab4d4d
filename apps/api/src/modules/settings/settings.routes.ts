import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** SET-01..06 (api.md §11). */
export const settingsRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
