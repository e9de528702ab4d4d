import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** USER-01..21 (api.md §3). */
export const userRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
