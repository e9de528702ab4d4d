import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Each file gets its own prefix so parallel runs and other suites never see each other's keys. */
export const uniquePrefix = () => `st:test:${randomBytes(6).toString('hex')}:`;

export const connect = (options: RedisOptions = {}) => new Redis(REDIS_URL, options);

export { sleep };

/** Polls instead of sleeping a guessed amount: pub/sub delivery and reconnects take variable time. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await sleep(20);
  }
}

export async function removePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A port nothing listens on: bind one, then release it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * TCP proxy in front of the real Redis that can hang (hold bytes, as a stalled server would) or go down
 * (drop connections and refuse new ones), without touching Redis itself, which other suites share.
 */
export async function redisProxy() {
  const upstream = new URL(REDIS_URL);
  const sockets = new Set<net.Socket>();
  const held: (() => void)[] = [];
  let hung = false;
  let down = false;

  const forward = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk) => {
      if (hung) held.push(() => to.write(chunk));
      else to.write(chunk);
    });

  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const target = net.connect(Number(upstream.port || 6379), upstream.hostname);
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        target.destroy();
      });
    }
    forward(client, target);
    forward(target, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    hang() {
      hung = true;
    },
    resume() {
      hung = false;
      for (const send of held.splice(0)) send();
    },
    setDown(value: boolean) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sum of a metric's samples whose labels include `labels`; reads the shared prom-client registry. */
export async function metricValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const { registry } = await import('@storytime/observability');
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((sample) => Object.entries(labels).every(([label, value]) => sample.labels[label] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** A loader that counts its calls. */
export function countingLoader<T>(produce: () => T | Promise<T>) {
  const loader = async () => {
    loader.calls += 1;
    return produce();
  };
  loader.calls = 0;
  return loader;
}
