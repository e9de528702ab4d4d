import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@storytime/api/app';
import { loadApiConfig } from '@storytime/api/config';
import { createInfrastructure } from '@storytime/api/infrastructure';
import { profiles, users } from '@storytime/db';
import { createLogger } from '@storytime/observability';
import { createRedis } from '@storytime/queue';

/**
 * Cross-process pieces for the generation failure tests: a throwaway Redis the test can stop and
 * start, the API in-process, worker-story as real child processes, and a proxy in front of the
 * fake Gemini that holds the model's answer until the test lets it go.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// The fake Gemini of @storytime/providers, reached by path (not a dependency of this package; it
// imports node built-ins only).
export { type FakeGemini, startFakeGemini } from '../../providers/src/gemini-testing/index';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** `redis-server` on a random port with no persistence, owned by the test (killed by it). */
export async function startThrowawayRedis() {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const probe = createRedis(url, 'command', { lazyConnect: true, retryStrategy: () => null });
    try {
      const started = Date.now();
      for (;;) {
        try {
          if (probe.status !== 'ready') await probe.connect();
          if ((await probe.ping()) === 'PONG') return;
        } catch {
          if (Date.now() - started > 10_000) throw new Error(`redis-server did not start on ${port}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  async function stop() {
    if (!child) return;
    const exited = exitOf(child);
    child.kill('SIGKILL');
    await exited;
    child = undefined;
  }

  await start();
  return { url, port, start, stop };
}

export type ThrowawayRedis = Awaited<ReturnType<typeof startThrowawayRedis>>;

/** The API on the given Redis with prefixes of its own; requests go through `inject`. */
export async function startApi(redisUrl: string) {
  const runId = randomUUID().slice(0, 8);
  const prefixes = { cache: `st:e2e-gen:${runId}:`, queue: `bull-e2e-gen-${runId}` };
  const config = loadApiConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    REDIS_URL: redisUrl,
    CACHE_PREFIX: prefixes.cache,
    QUEUE_PREFIX: prefixes.queue,
    JWT_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
    RATE_LIMIT_MULTIPLIER: '100',
    GENERATION_WAIT_TIMEOUT_MS: '500',
  });
  const logger = createLogger({ service: 'api', level: 'silent' });
  const infra = createInfrastructure(config, logger);
  await infra.connect();
  const app = await buildApp({ config, logger, ...infra });
  await app.ready();

  /** A verified parent with a live session, written straight to the database. */
  async function createParent() {
    const { db, sessions } = app.core;
    const email = `gen-e2e-${randomUUID().slice(0, 12)}@example.com`;
    const { userId, sessionId } = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email,
          name: 'E2E Parent',
          passwordHash: 'unusable',
          isEmailVerified: true,
          onboardingStatus: 'email_verified',
        })
        .returning({ id: users.id });
      await tx.insert(profiles).values({ userId: user!.id });
      const session = await sessions.open(tx, user!.id, { ip: '127.0.0.1' });
      return { userId: user!.id, sessionId: session.sessionId };
    });
    const jwt = await sessions.accessToken({ userId, sessionId, role: 'parent', email });
    return { id: userId, headers: { authorization: `Bearer ${jwt}` } };
  }

  return {
    app,
    infra,
    prefixes,
    createParent,
    async close() {
      await app.close();
      for (const queue of infra.producer.all()) await queue.obliterate({ force: true }).catch(() => {});
      await infra.close();
    },
  };
}

export type Api = Awaited<ReturnType<typeof startApi>>;

/** A proxy in front of the fake Gemini that can hold every answer until `release()`. */
export async function startHoldingProxy(targetBaseUrl: string) {
  let holding = false;
  const held: Array<() => void> = [];
  let received = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      received += 1;
      if (holding) await new Promise<void>((resolve) => held.push(resolve));
      // The worker that asked may have been killed meanwhile.
      if (res.destroyed || req.socket.destroyed) return;
      try {
        const upstream = await fetch(`${targetBaseUrl}${req.url ?? ''}`, {
          method: req.method ?? 'POST',
          headers: {
            'content-type': String(req.headers['content-type'] ?? 'application/json'),
            'x-goog-api-key': String(req.headers['x-goog-api-key'] ?? ''),
          },
          body: Buffer.concat(chunks),
        });
        const body = Buffer.from(await upstream.arrayBuffer());
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        });
        res.end(body);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const resolve of held.splice(0)) resolve();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StoryWorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output: string[];
}

/** `apps/worker-story/src/main.ts` as its own Node process (tsx loader), as it runs in production. */
export function spawnStoryWorker(env: Record<string, string>): StoryWorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker-story/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, exited: exitOf(child), output };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
