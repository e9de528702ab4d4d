import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** HELP-01..08 (api.md §16). */
export const helpSupportRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
