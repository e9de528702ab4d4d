import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** STORY-12..17 and STORY-51..54 (api.md §4.3, §4.4, §4.13). */
export const storyCurationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
