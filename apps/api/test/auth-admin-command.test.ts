import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCommandError,
  describeAdminOutcome,
  ensureAdminAccount,
  parseAdminInput,
} from '../src/modules/auth/admin-account';
import { pg, STRONG_PASSWORD, uniqueEmail, userRow } from './auth-fixtures';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** The first-admin command (`pnpm admin:create`, platform.md §3). */

const run = promisify(execFile);
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

async function command(args: string[], env: Record<string, string> = {}) {
  const result = await run(TSX, ['src/scripts/create-admin.ts', ...args], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: process.env.DATABASE_URL ?? '', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  return result;
}

describe('first-admin command', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('creates a verified admin with profile and default preferences, then changes nothing on a rerun', async () => {
    const email = uniqueEmail('admin');
    const input = parseAdminInput({
      email: ` ${email.toUpperCase()} `,
      password: STRONG_PASSWORD,
      name: 'Root',
    });
    const created = await ensureAdminAccount(t.app.core.db, input);
    expect(created).toMatchObject({ action: 'created', email });
    const user = await userRow(t.app, created.userId);
    expect(user).toMatchObject({
      role: 'admin',
      is_email_verified: true,
      onboarding_status: 'email_verified',
      name: 'Root',
      has_local_password: true,
    });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await pg(t.app, 'select id from profiles where user_id = $1', [created.userId])).toHaveLength(1);
    expect(
      await pg(t.app, 'select id from notification_preferences where user_id = $1', [created.userId]),
    ).toHaveLength(12);

    const rerun = await ensureAdminAccount(t.app.core.db, input);
    expect(rerun).toMatchObject({ action: 'unchanged', userId: created.userId, passwordIgnored: true });
    expect((await userRow(t.app, created.userId)).password_hash).toBe(user.password_hash);
    expect(describeAdminOutcome(rerun)).toContain('already an admin');

    // The new admin can sign in through the API.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: STRONG_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().data.user.role).toBe('admin');
  });

  it('promotes an existing unverified parent without touching the password', async () => {
    const parent = await createUser(t.app, { email: uniqueEmail('promote'), verified: false });
    await pg(t.app, `update users set onboarding_status = 'account_created' where id = $1`, [parent.id]);
    const before = await userRow(t.app, parent.id);
    const outcome = await ensureAdminAccount(t.app.core.db, parseAdminInput({ email: parent.email }));
    expect(outcome).toMatchObject({ action: 'promoted', userId: parent.id, passwordIgnored: false });
    const after = await userRow(t.app, parent.id);
    expect(after).toMatchObject({
      role: 'admin',
      is_email_verified: true,
      onboarding_status: 'email_verified',
    });
    expect(after.password_hash).toBe(before.password_hash);
  });

  it('refuses bad input with a clear message', async () => {
    expect(() => parseAdminInput({})).toThrow(/email is required/);
    expect(() => parseAdminInput({ email: 'not-an-email' })).toThrow(AdminCommandError);
    expect(() => parseAdminInput({ email: uniqueEmail(), password: 'weak' })).toThrow(/Invalid password/);
    await expect(
      ensureAdminAccount(t.app.core.db, parseAdminInput({ email: uniqueEmail('new') })),
    ).rejects.toThrow(/password is required/);
  });

  it('runs as a command: prints what it did and exits non-zero on bad input', async () => {
    const email = uniqueEmail('cli');
    const ok = await command(['--email', email, '--password', STRONG_PASSWORD]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Created admin account ${email}`);

    const fromEnv = await command([], { ADMIN_EMAIL: email, ADMIN_PASSWORD: STRONG_PASSWORD });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toContain('already an admin');

    const bad = await command(['--email', 'nope', '--password', STRONG_PASSWORD]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid email');

    const noDatabase = await command(['--email', email], { DATABASE_URL: '' });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain('DATABASE_URL');
  });
});
