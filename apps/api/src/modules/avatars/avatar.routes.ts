import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';

/** AVATAR-01..10 (api.md §7). */
export const avatarRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (_app, _options) => {};
