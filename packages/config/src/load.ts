import { z } from 'zod';
import { type DatabaseConfig, databaseEnv, toDatabaseConfig } from './fragments';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at boot against an app's schema. Every bad variable is listed in
 * one error, so an operator fixes them all in one go instead of one restart per variable.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(problems);
}

/** For scripts that only talk to the database (migrate, seed, admin tools). */
export function loadDatabaseConfig(
  source: Record<string, string | undefined> = process.env,
  defaultPoolMax = 5,
): DatabaseConfig {
  return toDatabaseConfig(parseEnv(databaseEnv(defaultPoolMax), source));
}
