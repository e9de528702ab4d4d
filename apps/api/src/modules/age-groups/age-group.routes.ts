import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** AGE-01..07 (api.md §18). */
export const ageGroupRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
