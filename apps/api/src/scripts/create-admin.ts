import { parseArgs } from 'node:util';
import { ConfigError, databaseEnv, optionalString, parseEnv, toDatabaseConfig } from '@storytime/config';
import { createDb, createPool } from '@storytime/db';
import {
  AdminCommandError,
  describeAdminOutcome,
  ensureAdminAccount,
  parseAdminInput,
} from '../modules/auth/admin-account';

/**
 * `pnpm admin:create [--email a@b.c] [--password …] [--name …]`: creates the first admin, or promotes
 * an existing account. Arguments win over ADMIN_EMAIL / ADMIN_PASSWORD; DATABASE_URL is required.
 */
const USAGE = 'Usage: pnpm admin:create --email <email> [--password <password>] [--name <name>]';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { email?: string; password?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      // pnpm forwards a literal `--` when the caller separates script arguments with it.
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }

  let input: ReturnType<typeof parseAdminInput>;
  try {
    input = parseAdminInput({
      email: values.email ?? env.ADMIN_EMAIL,
      password: values.password ?? env.ADMIN_PASSWORD,
      name: values.name,
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }

  const pool = createPool(toDatabaseConfig(env), { applicationName: 'storytime-admin-create' });
  try {
    const outcome = await ensureAdminAccount(createDb(pool), input);
    process.stdout.write(`${describeAdminOutcome(outcome)}\n`);
  } catch (error) {
    if (error instanceof AdminCommandError) fail(error.message);
    fail(`could not reach or update the database: ${(error as Error).message}`);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

function loadEnv() {
  return parseEnv({ ...databaseEnv(2), ADMIN_EMAIL: optionalString, ADMIN_PASSWORD: optionalString });
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(String(error)),
);
