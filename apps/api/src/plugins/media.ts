import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The local media store under `/media/*` (api.md Part 2 §I): seeded images, uploads while they
 * wait for the remote store, and the offline voice's audio. Files are content-addressed or never
 * rewritten under the same name, so they are cached for a year. Not rate limited, not compressed
 * (images and audio are compressed already), not enveloped.
 */
export async function mediaFiles(app: FastifyInstance, options: { mediaDir: string }) {
  const root = resolve(options.mediaDir);
  await mkdir(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    immutable: true,
    maxAge: '365d',
    cacheControl: true,
  });
}
