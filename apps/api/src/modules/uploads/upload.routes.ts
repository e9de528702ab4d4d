import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** UPLOAD-01 (api.md §20). */
export const uploadRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
