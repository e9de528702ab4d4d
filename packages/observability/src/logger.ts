import pino, { type Logger, type LoggerOptions } from 'pino';
import { traceLogFields } from './tracing';

/** Paths pino removes from every log line (platform.md §2): secrets never reach the logs. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'oldPassword',
  'currentPassword',
  'pin',
  'newPin',
  'otp',
  'token',
  'refreshToken',
  'id_token',
  'idToken',
  'purchaseToken',
  'adminSecret',
  'code',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `body.${field}`),
];

export interface LoggerSettings {
  service: string;
  level?: string;
  /** Extra pino options, e.g. a destination stream in tests. */
  destination?: pino.DestinationStream;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // traceId/spanId of the active span (platform.md §2), so a log line links to its trace.
    mixin: traceLogFields,
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

export type { Logger };
