import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** PFAV-01..03 (api.md §15). */
export const parentFavoriteRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
