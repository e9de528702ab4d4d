import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** AUTH-01..18 (api.md §1). */
export const authRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
