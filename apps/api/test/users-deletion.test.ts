import { voices } from '@storytime/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, TEST_PASSWORD, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { call, createAvatar, query, RELAXED_LIMITS } from './users-fixtures';

/** Deactivation, deletion requests, restore and permanent deletion (USER-09..11, 16, 17; rules.md §16). */
describe('account deletion and restore', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    admin = await createUser(t.app, { role: 'admin' });
  });
  afterAll(async () => t.close());

  const tickets = (userId: string, subject: string) =>
    query<{ subject: string; metadata: Record<string, unknown> | null }>(
      t,
      'select subject, metadata from support_tickets where user_id = $1 and subject = $2',
      [userId, subject],
    );

  const userExists = async (userId: string) =>
    (await query(t, 'select 1 from users where id = $1', [userId])).length === 1;

  describe('soft delete (USER-09) and the deactivated account', () => {
    it('deactivates the account; only the allowed routes still answer', async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const res = await call(t, 'DELETE', '/user/me', { as: user });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({
        id: user.id,
        email: user.email,
        permanent: false,
        message: expect.any(String),
      });

      const me = await call(t, 'GET', '/user/me', { as: user });
      expect(me.statusCode).toBe(410);
      expect(me.json()).toMatchObject({
        code: 'ACCOUNT_DEACTIVATED',
        details: { isDeleted: true, restoreEndpoint: '/api/v1/user/me/undo-delete' },
      });
      expect(Date.parse(me.json().details.deletedAt)).not.toBeNaN();

      const blocked = await Promise.all([
        call(t, 'PATCH', '/user/me', { as: user, body: { name: 'x' } }),
        call(t, 'POST', '/user/me/avatar', { as: user, body: { avatarId: 'x' } }),
        call(t, 'POST', '/user/me/pin/verify', { as: user, body: { pin: '123456' } }),
        call(t, 'POST', '/user/me/delete', { as: user, body: { password: TEST_PASSWORD } }),
        call(t, 'GET', `/user/${user.id}`, { as: user }),
        call(t, 'GET', '/auth/kids', { as: user }),
        call(t, 'GET', `/user/kids/${kidId}`, { as: user }),
        call(t, 'DELETE', '/user/me', { as: user }),
      ]);
      for (const answer of blocked) {
        expect(answer.statusCode).toBe(410);
        expect(answer.json().code).toBe('ACCOUNT_DEACTIVATED');
      }

      const restored = await call(t, 'POST', '/user/me/undo-delete', { as: user });
      expect(restored.statusCode).toBe(201);
      expect(restored.json().data).toMatchObject({ id: user.id, numberOfKids: 1 });
      expect((await call(t, 'GET', '/user/me', { as: user })).statusCode).toBe(200);
      expect((await call(t, 'GET', '/auth/kids', { as: user })).statusCode).toBe(200);
      expect(await tickets(user.id, 'Account Self-Restoration')).toHaveLength(1);
    });

    it('answers 401 without a token', async () => {
      expect((await call(t, 'DELETE', '/user/me')).statusCode).toBe(401);
      expect((await call(t, 'POST', '/user/me/undo-delete')).statusCode).toBe(401);
    });

    it('validates the permanent flag', async () => {
      const user = await createUser(t.app);
      expect((await call(t, 'DELETE', '/user/me?permanent=yes', { as: user })).statusCode).toBe(400);
    });
  });

  describe('permanent delete (USER-09)', () => {
    it('revokes, logs, deletes the user with its data and records media clean-up jobs', async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const avatarId = await createAvatar(t, {
        ownerUserId: user.id,
        publicId: `storytime/avatars/${user.id}`,
      });
      await query(t, 'update users set avatar_id = $2 where id = $1', [user.id, avatarId]);
      await t.app.core.db.insert(voices).values({
        userId: user.id,
        name: 'My voice',
        type: 'uploaded',
        samplePublicId: `storytime/voices/${user.id}`,
      });
      await query(
        t,
        `insert into tokens (id, user_id, type, code_hash, lookup_hash, expires_at)
         values (gen_random_uuid(), $1, 'pin_reset', 'h', 'l', now() + interval '1 hour')`,
        [user.id],
      );

      const res = await call(t, 'DELETE', '/user/me?permanent=true', { as: user });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: user.id, email: user.email, permanent: true });

      expect(await userExists(user.id)).toBe(false);
      expect(await query(t, 'select 1 from kids where id = $1', [kidId])).toHaveLength(0);
      expect(await query(t, 'select 1 from tokens where user_id = $1', [user.id])).toHaveLength(0);
      const logs = await query<{ user_id: string | null; details: string }>(
        t,
        "select user_id, details from activity_logs where action = 'SESSION_TERMINATION' and details like $1",
        [`%${user.id}%`],
      );
      expect(logs).toHaveLength(1);
      expect(logs[0]!.user_id).toBeNull();
      expect(JSON.parse(logs[0]!.details)).toMatchObject({ userId: user.id, deletedBy: 'self' });

      const jobs = await query<{ queue: string; job_name: string; params: Record<string, string> }>(
        t,
        "select queue, job_name, params from job_requests where kind = 'media_delete' and params->>'publicId' like $1",
        [`%${user.id}`],
      );
      expect(jobs.map((job) => job.params).sort((a, b) => a.publicId!.localeCompare(b.publicId!))).toEqual([
        { publicId: `storytime/avatars/${user.id}`, resourceType: 'image' },
        { publicId: `storytime/voices/${user.id}`, resourceType: 'video' },
      ]);
      expect(jobs.every((job) => job.queue === 'media' && job.job_name === 'media-delete')).toBe(true);

      // The session died with the account.
      expect((await call(t, 'GET', '/user/me', { as: user })).statusCode).toBe(401);
    });

    it('is open to a deactivated account', async () => {
      const user = await createUser(t.app);
      await call(t, 'DELETE', '/user/me', { as: user });
      const res = await call(t, 'DELETE', '/user/me?permanent=true', { as: user });
      expect(res.statusCode).toBe(200);
      expect(await userExists(user.id)).toBe(false);
    });
  });

  describe('POST /user/me/delete (USER-10)', () => {
    it('checks the password and files a deletion request without deleting anything', async () => {
      const user = await createUser(t.app);
      const res = await call(t, 'POST', '/user/me/delete?permanent=true', {
        as: user,
        body: { password: TEST_PASSWORD, reasons: ['Too expensive'], notes: 'Bye' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ verified: true, message: expect.any(String) });
      const [ticket] = await tickets(user.id, 'Delete Account Request');
      expect(ticket!.metadata).toEqual({ reasons: ['Too expensive'], notes: 'Bye', isPermanent: true });
      expect((await call(t, 'GET', '/user/me', { as: user })).statusCode).toBe(200);
    });

    it('stores isPermanent false by default', async () => {
      const user = await createUser(t.app);
      await call(t, 'POST', '/user/me/delete', { as: user, body: { password: TEST_PASSWORD } });
      const [ticket] = await tickets(user.id, 'Delete Account Request');
      expect(ticket!.metadata).toMatchObject({ isPermanent: false, reasons: [] });
    });

    it('answers 400 AUTH_INVALID_CREDENTIALS for a wrong password (not 401)', async () => {
      const user = await createUser(t.app);
      const res = await call(t, 'POST', '/user/me/delete', { as: user, body: { password: 'Wrong-Pass-1!' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(await tickets(user.id, 'Delete Account Request')).toHaveLength(0);
    });

    it('validates the body and needs a token', async () => {
      const user = await createUser(t.app);
      expect((await call(t, 'POST', '/user/me/delete', { as: user, body: {} })).statusCode).toBe(400);
      const tooMany = await call(t, 'POST', '/user/me/delete', {
        as: user,
        body: { password: TEST_PASSWORD, reasons: Array.from({ length: 11 }, () => 'r') },
      });
      expect(tooMany.statusCode).toBe(400);
      expect((await call(t, 'POST', '/user/me/delete', { body: { password: 'x' } })).statusCode).toBe(401);
    });
  });

  describe('POST /user/me/undo-delete (USER-11)', () => {
    it('answers 409 INVALID_STATE when the account is not deactivated', async () => {
      const user = await createUser(t.app);
      const res = await call(t, 'POST', '/user/me/undo-delete', { as: user });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');
    });
  });

  describe('DELETE /user/:id (USER-16)', () => {
    it('lets the owner delete their own account', async () => {
      const user = await createUser(t.app);
      const res = await call(t, 'DELETE', `/user/${user.id}`, { as: user });
      expect(res.statusCode).toBe(200);
      expect((await call(t, 'GET', '/user/me', { as: user })).statusCode).toBe(410);
    });

    it('lets an admin deactivate and permanently delete any user', async () => {
      const target = await createUser(t.app);
      const soft = await call(t, 'DELETE', `/user/${target.id}`, { as: admin });
      expect(soft.json().data).toMatchObject({ id: target.id, permanent: false });
      expect((await call(t, 'GET', '/user/me', { as: target })).statusCode).toBe(410);
      const again = await call(t, 'DELETE', `/user/${target.id}`, { as: admin });
      expect(again.statusCode).toBe(409);

      const hard = await call(t, 'DELETE', `/user/${target.id}?permanent=true`, { as: admin });
      expect(hard.statusCode).toBe(200);
      expect(await userExists(target.id)).toBe(false);
      const [log] = await query<{ details: string }>(
        t,
        "select details from activity_logs where action = 'SESSION_TERMINATION' and details like $1",
        [`%${target.id}%`],
      );
      expect(JSON.parse(log!.details)).toMatchObject({ deletedBy: 'admin', actorId: admin.id });
    });

    it('answers 404 to another parent, 404 for an unknown user, 400 for a bad id, 401 without a token', async () => {
      const [victim, attacker] = await Promise.all([createUser(t.app), createUser(t.app)]);
      const res = await call(t, 'DELETE', `/user/${victim.id}?permanent=true`, { as: attacker });
      expect(res.statusCode).toBe(404);
      expect(await userExists(victim.id)).toBe(true);
      const missing = '0190c7d0-0000-7000-8000-000000000001';
      expect((await call(t, 'DELETE', `/user/${missing}`, { as: admin })).statusCode).toBe(404);
      expect((await call(t, 'DELETE', '/user/nope', { as: admin })).statusCode).toBe(400);
      expect((await call(t, 'DELETE', `/user/${victim.id}`)).statusCode).toBe(401);
    });
  });

  describe('POST /user/:id/undo-delete (USER-17)', () => {
    it('restores a deactivated user and files an Account Restoration ticket', async () => {
      const target = await createUser(t.app);
      await call(t, 'DELETE', '/user/me', { as: target });
      const res = await call(t, 'POST', `/user/${target.id}/undo-delete`, { as: admin });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ id: target.id, email: target.email });
      expect(await tickets(target.id, 'Account Restoration')).toHaveLength(1);
      expect((await call(t, 'GET', '/user/me', { as: target })).statusCode).toBe(200);
    });

    it('answers 409 when not deleted and 404 for an unknown user', async () => {
      const target = await createUser(t.app);
      const res = await call(t, 'POST', `/user/${target.id}/undo-delete`, { as: admin });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');
      const missing = '0190c7d0-0000-7000-8000-000000000002';
      expect((await call(t, 'POST', `/user/${missing}/undo-delete`, { as: admin })).statusCode).toBe(404);
    });

    it('is admin-only', async () => {
      const target = await createUser(t.app);
      await call(t, 'DELETE', '/user/me', { as: target });
      const parent = await createUser(t.app);
      expect((await call(t, 'POST', `/user/${target.id}/undo-delete`, { as: parent })).statusCode).toBe(403);
      expect((await call(t, 'POST', `/user/${target.id}/undo-delete`)).statusCode).toBe(401);
    });
  });

  it('answers 410 to a deactivated admin on admin routes', async () => {
    const deactivatedAdmin = await createUser(t.app, { role: 'admin' });
    await call(t, 'DELETE', '/user/me', { as: deactivatedAdmin });
    const res = await call(t, 'GET', '/user', { as: deactivatedAdmin });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('ACCOUNT_DEACTIVATED');
  });
});
