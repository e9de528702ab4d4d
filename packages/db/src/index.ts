export type { Pool, PoolClient } from 'pg';
export { createDatabaseIfMissing, databaseNameOf } from './admin';
export {
  type CreatePoolOptions,
  createDb,
  createPool,
  type DatabaseConfig,
  type Db,
  type DbOrTx,
  type PingResult,
  pingDatabase,
  type Tx,
} from './client';
export { describeSql, type SqlOperation } from './instrumentation';
export { MIGRATIONS_FOLDER, runMigrations } from './migrate';
export * from './schema';
