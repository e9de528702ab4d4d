import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cache } from '@storytime/cache';
import type { Db, Pool } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import { breakerStates } from '@storytime/providers/resilience';
import type { QueueProducer, Redis } from '@storytime/queue';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type CoreServices, createCoreServices } from './composition';
import type { ApiConfig } from './config';
import { achievementRoutes } from './modules/achievements/progress.routes';
import { activityLogRoutes } from './modules/activity-logs/activity-log.routes';
import { ageGroupRoutes } from './modules/age-groups/age-group.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { avatarRoutes } from './modules/avatars/avatar.routes';
import { dailyChallengeRoutes } from './modules/daily-challenges/daily-challenge.routes';
import { generationRoutes } from './modules/generation/generation.routes';
import { healthRoutes } from './modules/health/health.routes';
import { createHealthService } from './modules/health/health.service';
import { helpSupportRoutes } from './modules/help-support/help-support.routes';
import { kidRoutes } from './modules/kids/kid.routes';
import { notificationRoutes } from './modules/notifications/notification.routes';
import { parentFavoriteRoutes } from './modules/parent-favorites/parent-favorite.routes';
import { reportRoutes } from './modules/reports/report.routes';
import { rewardRoutes } from './modules/rewards/reward.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { storyCurationRoutes } from './modules/stories/curation.routes';
import { storyFeedRoutes } from './modules/stories/feed.routes';
import { storyReadingRoutes } from './modules/stories/reading.routes';
import { storyRoutes } from './modules/stories/story.routes';
import { storyBuddyRoutes } from './modules/story-buddies/story-buddy.routes';
import { uploadRoutes } from './modules/uploads/upload.routes';
import { createPremiumService } from './modules/users/premium.service';
import { userRoutes } from './modules/users/user.routes';
import { storyAudioRoutes } from './modules/voice/audio.routes';
import { voiceRoutes } from './modules/voice/voice.routes';
import { bullBoard } from './plugins/bull-board';
import { compression } from './plugins/compression';
import { docs } from './plugins/docs';
import { envelope } from './plugins/envelope';
import { errorHandler } from './plugins/error-handler';
import { httpMetrics } from './plugins/http-metrics';
import { mediaFiles } from './plugins/media';
import { principal } from './plugins/principal';
import { rateLimiting } from './plugins/rate-limit/index';
import { generateRequestId, requestContext } from './plugins/request-context';
import { security } from './plugins/security';

export const API_PREFIX = '/api/v1';

/** Everything the API needs from the outside world; main.ts builds it, tests build their own. */
export interface AppDeps {
  config: ApiConfig;
  logger: Logger;
  pool: Pool;
  db: Db;
  /** Command connection (fail-fast) shared by cache, limiter and health checks. */
  redis: Redis;
  cache: Cache;
  producer: QueueProducer;
  isShuttingDown?: () => boolean;
  breakerStates?: () => Record<string, string>;
  /** The clock; tests replace it to move time. */
  now?: () => Date;
  /** Statement counters by request id, for tests that prove a route's query count. */
  queryCounters?: Map<string, { count: number; statements: string[] }>;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared services, for tests and tools that need them next to the HTTP surface. */
    core: CoreServices;
  }
}

/** Every module of the REST surface, each registered under /api/v1. */
const MODULES = [
  authRoutes,
  kidRoutes,
  userRoutes,
  settingsRoutes,
  notificationRoutes,
  avatarRoutes,
  ageGroupRoutes,
  uploadRoutes,
  helpSupportRoutes,
  storyBuddyRoutes,
  activityLogRoutes,
  storyFeedRoutes,
  storyRoutes,
  storyCurationRoutes,
  storyReadingRoutes,
  dailyChallengeRoutes,
  parentFavoriteRoutes,
  reportRoutes,
  voiceRoutes,
  storyAudioRoutes,
  achievementRoutes,
  rewardRoutes,
  generationRoutes,
];

/**
 * Builds the API without listening. Plugins are registered in a fixed order: request context and
 * error shape first (so every later failure is shaped), then the caller's identity (the limiter
 * keys by user), security, envelope, compression and limits, then metrics and documentation (which
 * must see the routes), then the routes.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const core = createCoreServices(deps);
  const premium = createPremiumService(core);
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: generateRequestId,
    requestIdHeader: false,
    // One line per request is written by the request-context plugin, with the fields of platform.md §2.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: config.env.BODY_LIMIT_BYTES,
    // Fastify accepts a hop count too; its typings only list the other forms.
    trustProxy: config.trustProxy as boolean | string | string[],
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('core', core);

  await app.register(requestContext, { queryCounters: deps.queryCounters });
  await app.register(errorHandler);
  await app.register(principal, { authenticate: core.authenticate });
  await app.register(security, { corsOrigins: config.corsOrigins });
  await app.register(envelope);
  await app.register(compression);
  await app.register(rateLimiting, {
    env: config.env,
    redis: deps.redis,
    prefix: config.env.CACHE_PREFIX,
    logger: deps.logger,
    context: {
      userId: (request) => request.principal?.userId,
      isPremium: (request) => (request.principal ? premium.isPremium(request.principal.userId) : false),
    },
  });
  await app.register(httpMetrics);
  if (config.docsEnabled) await app.register(docs, { serverUrl: config.env.BACKEND_BASE_URL });

  const health = createHealthService({
    pool: deps.pool,
    redis: deps.redis,
    producer: deps.producer,
    cachePrefix: config.env.CACHE_PREFIX,
    mediaDir: config.env.MEDIA_LOCAL_DIR,
    isShuttingDown: deps.isShuttingDown ?? (() => false),
    breakerStates: deps.breakerStates ?? breakerStates,
  });
  await app.register(healthRoutes, { prefix: API_PREFIX, health });
  for (const module of MODULES) await app.register(module, { prefix: API_PREFIX, core });

  await app.register(mediaFiles, { mediaDir: config.env.MEDIA_LOCAL_DIR });
  await app.register(bullBoard, {
    queues: deps.producer.all(),
    authenticate: core.authenticate,
    env: config.env,
  });

  return app;
}
