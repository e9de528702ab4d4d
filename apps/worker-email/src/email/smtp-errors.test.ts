import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './smtp-errors';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);

describe('SMTP error classification', () => {
  it('treats 5xx replies as permanent and 4xx replies as transient', () => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode: 550 })).permanent).toBe(true);
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', responseCode: 552 })).permanent).toBe(true);
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode: 451 })).permanent).toBe(false);
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', responseCode: 421 })).permanent).toBe(false);
  });

  it('retries connection problems and refuses messages that can never be sent', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS']) {
      expect(classifySmtpError(smtpError({ code })).permanent).toBe(false);
    }
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE' })).permanent).toBe(true);
    expect(classifySmtpError(new Error('boom')).permanent).toBe(false);
    expect(classifySmtpError(undefined).permanent).toBe(false);
  });
});
