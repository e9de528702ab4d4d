import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const BULL_BOARD_PATH = '/admin/queues';

export interface BullBoardOptions {
  queues: Queue[];
  /**
   * Decides whether a request may see the board (assets included). Until admin sessions exist this
   * is HTTP basic auth from env; the auth module swaps in the admin-session check.
   */
  authorize: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** HTTP basic auth against fixed credentials; with no credentials configured nobody gets in. */
export function basicAuthAuthorizer(user: string | undefined, password: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const header = request.headers.authorization ?? '';
    const [scheme, encoded] = header.split(' ');
    if (user && password && scheme?.toLowerCase() === 'basic' && encoded) {
      const [givenUser, ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
      if (constantTimeEquals(givenUser ?? '', user) && constantTimeEquals(rest.join(':'), password))
        return true;
    }
    reply.header('www-authenticate', 'Basic realm="Storytime queues", charset="UTF-8"');
    return false;
  };
}

/** Bull Board for every queue, in its own encapsulated scope so its guard covers only its routes. */
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
      scope.addHook('onRequest', async (request, reply) => {
        if (!(await options.authorize(request, reply))) {
          return reply.code(401).type('text/plain').send('Authentication required');
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: BULL_BOARD_PATH },
  );
}
