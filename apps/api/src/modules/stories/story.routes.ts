import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** STORY-06..11, STORY-25 and STORY-50 (api.md §4.2, §4.7, §4.12). */
export const storyRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
