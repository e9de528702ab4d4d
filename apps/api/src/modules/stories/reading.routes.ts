import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** STORY-18..24, STORY-35..38 and STORY-40..46 (api.md §4.5, §4.6, §4.9). */
export const storyReadingRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
