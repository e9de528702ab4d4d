export {
  baseEnv,
  type DatabaseConfig,
  databaseEnv,
  nodeEnvSchema,
  redisEnv,
  toDatabaseConfig,
} from './fragments';
export { ConfigError, loadDatabaseConfig, parseEnv } from './load';
export { envBoolean, envInt, optionalString } from './primitives';
