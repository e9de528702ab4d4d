import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** Shared helpers of the auth tests (api.md §1). */

export const STRONG_PASSWORD = 'Bright-Moon-77!';
export const OTHER_PASSWORD = 'Quiet-River-31?';

/** Lets auth tests call the code routes many times without meeting the real per-minute limits. */
export const RELAXED_LIMITS = { RATE_LIMIT_MULTIPLIER: '100' };

export function uniqueEmail(label = 'auth'): string {
  return `${label}-${randomUUID().slice(0, 12)}@example.com`;
}

/** A distinct client address per call site, so IP-keyed limits of one test never touch another's. */
export function randomIp(): string {
  const bytes = randomUUID().replaceAll('-', '');
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}`;
}

export async function post(
  app: FastifyInstance,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
}

export async function registerParent(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
): Promise<{
  email: string;
  userId: string;
  jwt: string;
  refreshToken: string;
  body: Record<string, unknown>;
}> {
  const email = (overrides.email as string | undefined) ?? uniqueEmail('reg');
  const res = await post(app, '/auth/register', {
    fullName: 'Ada Lovelace',
    email,
    password: STRONG_PASSWORD,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    email: email.toLowerCase(),
    userId: body.data.user.id,
    jwt: body.data.jwt,
    refreshToken: body.data.refreshToken,
    body,
  };
}

export interface EmailJob {
  template: string;
  to: string;
  data: Record<string, string | number>;
  category: string;
}

/** Raw SQL for test set-up and assertions (apps do not depend on drizzle-orm directly). */
export async function pg<Row = Record<string, unknown>>(
  app: FastifyInstance,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const result = await app.core.db.$client.query(text, params);
  return result.rows as Row[];
}

/** The newest email job the outbox recorded for a user (what worker-email would render and send). */
export async function latestEmail(app: FastifyInstance, userId: string, template: string): Promise<EmailJob> {
  const [row] = await pg<{ params: EmailJob }>(
    app,
    `select params from job_requests where user_id = $1 and params->>'template' = $2
     order by created_at desc, id desc limit 1`,
    [userId, template],
  );
  if (!row) throw new Error(`no ${template} email for ${userId}`);
  return row.params;
}

export async function emailCount(app: FastifyInstance, userId: string, template: string): Promise<number> {
  const [row] = await pg<{ count: number }>(
    app,
    `select count(*)::int as count from job_requests where user_id = $1 and params->>'template' = $2`,
    [userId, template],
  );
  return row?.count ?? 0;
}

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  has_local_password: boolean;
  is_email_verified: boolean;
  onboarding_status: string;
  role: string;
  google_id: string | null;
  apple_id: string | null;
  avatar_id: string | null;
  is_deleted: boolean;
}

export async function userRow(app: FastifyInstance, userId: string): Promise<UserRow> {
  const [row] = await pg<UserRow>(app, 'select * from users where id = $1', [userId]);
  if (!row) throw new Error(`no user ${userId}`);
  return row;
}

/** A different 6-digit code than the real one. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** No answer may ever carry a hash or internal secret column. */
export function expectNoSecrets(body: string): void {
  for (const secret of ['passwordHash', 'password_hash', 'pinHash', 'pin_hash', 'tokenHash', 'codeHash']) {
    expect(body).not.toContain(secret);
  }
  expect(body).not.toMatch(/\$argon2id\$|\$2[aby]\$/);
}

export function bearer(jwt: string): { authorization: string } {
  return { authorization: `Bearer ${jwt}` };
}
