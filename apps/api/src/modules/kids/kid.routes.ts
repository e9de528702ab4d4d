import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** KID-01..07 (api.md §2). */
export const kidRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
