import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** STORY-01..05, STORY-55, STORY-56 (api.md §4.1, §4.14). */
export const storyFeedRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
