import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../redis';
import { holdChannel } from './events';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const subscriber = createRedis(url, 'subscriber');
const probe = createRedis(url, 'worker');

afterAll(() => {
  subscriber.disconnect();
  probe.disconnect();
});

const subscribers = async (channel: string) => {
  const reply = (await probe.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
  return Number(reply[1]);
};

const settle = async (channel: string, expected: number) => {
  for (let i = 0; i < 50 && (await subscribers(channel)) !== expected; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return subscribers(channel);
};

describe('holdChannel', () => {
  it('shares one subscription between holders and drops it with the last release', async () => {
    const channel = `test:${randomUUID()}`;
    const first = holdChannel(subscriber, channel);
    const second = holdChannel(subscriber, channel);
    expect(await settle(channel, 1)).toBe(1);
    first();
    first();
    expect(await settle(channel, 1)).toBe(1);
    second();
    expect(await settle(channel, 0)).toBe(0);
  });
});
