import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderEmail } from '@storytime/email-templates';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutboxMailer } from '../src/email/mailer';
import { loadWorkerEnv } from '../src/env';

const run = promisify(execFile);
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const script = fileURLToPath(new URL('../src/scripts/outbox-last.ts', import.meta.url));
const dir = join(tmpdir(), `storytime-outbox-${randomUUID().slice(0, 8)}`);

afterAll(async () => rm(dir, { recursive: true, force: true }));

async function write(code: string, jobRequestId: string) {
  const mailer = createOutboxMailer(
    loadWorkerEnv({ DATABASE_URL: 'postgres://unused/unused', EMAIL_OUTBOX_DIR: dir }),
  );
  const data = { code, email: 'ana@example.com', expiresInHours: 24 };
  await mailer.send({
    from: { name: 'Storytime', address: 'no-reply@storytime.local' },
    to: 'ana@example.com',
    ...renderEmail('email-verification', data),
    messageId: `<${jobRequestId}@storytime.local>`,
    summary: { template: 'email-verification', category: 'EMAIL_VERIFICATION', data, jobRequestId },
  });
}

describe('pnpm outbox:last', () => {
  it('prints the latest message with its plain-text body', async () => {
    await write('111111', randomUUID());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await write('222222', randomUUID());
    const { stdout } = await run(tsx, [script], { env: { ...process.env, EMAIL_OUTBOX_DIR: dir } });
    expect(stdout).toContain('Subject:  Verify your Storytime email');
    expect(stdout).toContain('To:       ana@example.com');
    expect(stdout).toContain('222222');
    expect(stdout).not.toContain('111111');
  });

  it('says so when the outbox is empty', async () => {
    const empty = join(dir, 'empty');
    const failure = await run(tsx, [script], { env: { ...process.env, EMAIL_OUTBOX_DIR: empty } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('No message in the outbox');
  });
});
