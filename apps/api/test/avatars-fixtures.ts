import { randomUUID } from 'node:crypto';
import { insertAvatar, softDeleteAvatar } from '@storytime/db/repositories/avatars';
import type { FastifyInstance } from 'fastify';
import type { TestUser } from './factories';
import { multipart } from './media-fixtures';

/** Helpers shared by the avatar tests. */

export async function createAvatar(
  app: FastifyInstance,
  options: { system?: boolean; ownerUserId?: string | null; name?: string; publicId?: string | null } = {},
) {
  const name = options.name ?? `test-avatar-${randomUUID().slice(0, 12)}`;
  return insertAvatar(app.core.db, {
    name,
    displayName: name,
    url: `https://images.example.com/${name}.png`,
    isSystemAvatar: options.system ?? true,
    ownerUserId: options.ownerUserId ?? null,
    publicId: options.publicId ?? null,
    mediaId: null,
  });
}

export async function softDelete(app: FastifyInstance, id: string) {
  await softDeleteAvatar(app.core.db, id);
}

export async function injectMultipart(
  app: FastifyInstance,
  method: 'POST' | 'PUT',
  url: string,
  user: TestUser | null,
  fields: Record<string, string>,
  image?: { bytes: Buffer; type: string },
) {
  const body = await multipart(
    fields,
    ...(image ? [{ field: 'image', ...image, filename: 'avatar.png' }] : []),
  );
  return app.inject({
    method,
    url,
    payload: body.payload,
    headers: { ...body.headers, ...(user ? user.auth : {}) },
  });
}

export async function jobsOf(app: FastifyInstance, userId: string, kind: 'media_delete' | 'media_transfer') {
  return app.core.db.query.jobRequests.findMany({
    where: (job, { and, eq }) => and(eq(job.userId, userId), eq(job.kind, kind)),
  });
}

export async function avatarRow(app: FastifyInstance, id: string) {
  return app.core.db.query.avatars.findFirst({ where: (avatar, { eq }) => eq(avatar.id, id) });
}
