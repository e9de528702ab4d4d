import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseEnv, ConfigError, envBoolean, envInt, loadDatabaseConfig, parseEnv } from './index';

describe('parseEnv', () => {
  it('applies defaults and coerces numbers and booleans', () => {
    const env = parseEnv(
      { PORT: envInt(1, 65535).default(3000), DOCS: envBoolean.default(true) },
      { DOCS: 'off' },
    );
    expect(env).toEqual({ PORT: 3000, DOCS: false });
  });

  it('lists every bad variable at once', () => {
    const attempt = () =>
      parseEnv({ A: z.string(), B: envInt(1, 10), C: envBoolean }, { B: '99', C: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('A:');
      expect(problems).toContain('B:');
      expect(problems).toContain('C:');
    }
  });

  it('refuses an unknown time zone', () => {
    expect(() => parseEnv({ APP_TIMEZONE: baseEnv.APP_TIMEZONE }, { APP_TIMEZONE: 'Mars/Olympus' })).toThrow(
      ConfigError,
    );
    expect(parseEnv({ APP_TIMEZONE: baseEnv.APP_TIMEZONE }, { APP_TIMEZONE: 'Africa/Lagos' })).toEqual({
      APP_TIMEZONE: 'Africa/Lagos',
    });
  });

  it('builds the database settings with explicit pool limits', () => {
    const db = loadDatabaseConfig({ DATABASE_URL: 'postgres://x/y', DB_POOL_MAX: '7' });
    expect(db).toMatchObject({
      url: 'postgres://x/y',
      poolMax: 7,
      poolTimeoutMs: 30000,
      statementTimeoutMs: 15000,
    });
  });
});
