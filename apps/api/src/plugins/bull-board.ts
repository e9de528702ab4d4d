import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AppError, AuthError, ForbiddenError } from '@storytime/errors';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiEnv } from '../config';
import { type Authenticate, bearerToken, requireAdmin } from '../modules/auth/authenticator';
import { buildErrorBody } from './error-handler';

export const BULL_BOARD_PATH = '/admin/queues';
const COOKIE = 'bb_session';
const COOKIE_MAX_AGE_SECONDS = 3600;

export interface BullBoardOptions {
  queues: Queue[];
  authenticate: Authenticate;
  env: ApiEnv;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const LOGIN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Storytime queues</title></head>
<body style="font-family:sans-serif;max-width:32rem;margin:4rem auto">
<h1>Storytime queues</h1><p>Paste an administrator access token to open the queue board.</p>
<form method="post" action="${BULL_BOARD_PATH}/login"><textarea name="token" rows="6" style="width:100%"></textarea>
<p><button type="submit">Open the board</button></p></form></body></html>`;

/**
 * Bull Board for every queue, for administrators only (api.md Part 2 §I). The board's pages and
 * static assets load without headers, so besides a bearer token it accepts the short-lived
 * `bb_session` cookie that `POST /admin/queues/login` sets from an admin access token; the token
 * inside is re-checked on every request, so logout or demotion closes the board too.
 */
export async function bullBoard(app: FastifyInstance, options: BullBoardOptions) {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Storytime queues' } },
  });

  await app.register(
    async (scope) => {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );

      scope.get('/login', async (_request, reply) => reply.type('text/html').send(LOGIN_PAGE));

      scope.post('/login', async (request: FastifyRequest, reply) => {
        const token = (request.body as { token?: unknown } | undefined)?.token;
        const principal = await options.authenticate(typeof token === 'string' ? token.trim() : '');
        requireAdmin(principal);
        const secure =
          options.env.NODE_ENV === 'production' || options.env.BACKEND_BASE_URL.startsWith('https');
        reply.header(
          'set-cookie',
          `${COOKIE}=${encodeURIComponent(String(token).trim())}; Path=${BULL_BOARD_PATH}; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
        );
        return reply.redirect(BULL_BOARD_PATH, 303);
      });

      // Bull Board installs its own error handler in this scope, so refusals are answered here,
      // in the API's error shape, rather than thrown.
      scope.addHook('onRequest', async (request, reply) => {
        if (request.url.startsWith(`${BULL_BOARD_PATH}/login`)) return;
        const token =
          bearerToken(request.headers.authorization) ?? cookieValue(request.headers.cookie, COOKIE);
        try {
          if (!token) {
            const wantsPage =
              request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
            if (wantsPage) return reply.redirect(`${BULL_BOARD_PATH}/login`, 302);
            throw new AuthError('AUTH_INVALID_TOKEN', 'Sign in as an administrator');
          }
          const principal = await options.authenticate(token);
          if (principal.deactivated) throw new ForbiddenError('Administrator access required');
          requireAdmin(principal);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return reply
            .code(error.statusCode)
            .send(
              buildErrorBody(request, { status: error.statusCode, code: error.code, message: error.message }),
            );
        }
      });

      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: BULL_BOARD_PATH },
  );
}
