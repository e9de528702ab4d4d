import { randomUUID } from 'node:crypto';
import { kids, profiles, users } from '@storytime/db';
import type { FastifyInstance } from 'fastify';
import { hashSecret } from '../src/lib/passwords';

export const TEST_PASSWORD = 'Sunny-Day-42!';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: 'admin' | 'parent';
  jwt: string;
  refreshToken: string;
  sessionId: string;
  /** `Authorization` header for app.inject. */
  auth: { authorization: string };
}

/**
 * A verified parent (or admin) with a profile and a live session, written straight to the
 * database: route tests start from a signed-in user without replaying the sign-up flow.
 */
export async function createUser(
  app: FastifyInstance,
  options: { role?: 'admin' | 'parent'; email?: string; name?: string; verified?: boolean } = {},
): Promise<TestUser> {
  const { db, sessions } = app.core;
  passwordHash ??= hashSecret(TEST_PASSWORD);
  const email = options.email ?? `parent-${randomUUID().slice(0, 12)}@example.com`;
  const role = options.role ?? 'parent';
  const { userId, session } = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email,
        name: options.name ?? 'Test Parent',
        passwordHash: await passwordHash!,
        role,
        isEmailVerified: options.verified ?? true,
        onboardingStatus: 'email_verified',
      })
      .returning({ id: users.id });
    await tx.insert(profiles).values({ userId: user!.id });
    return { userId: user!.id, session: await sessions.open(tx, user!.id, { ip: '127.0.0.1' }) };
  });
  const jwt = await sessions.accessToken({ userId, sessionId: session.sessionId, role, email });
  return {
    id: userId,
    email,
    role,
    jwt,
    refreshToken: session.refreshToken,
    sessionId: session.sessionId,
    auth: { authorization: `Bearer ${jwt}` },
  };
}

export async function createKid(app: FastifyInstance, parentId: string, name = 'Test Kid'): Promise<string> {
  const [kid] = await app.core.db
    .insert(kids)
    .values({ parentId, name, ageRange: '4-6' })
    .returning({ id: kids.id });
  return kid!.id;
}
