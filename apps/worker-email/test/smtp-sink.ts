import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { plainTextOf } from '../src/email/outbox-reader';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

export type SinkMode = 'accept' | 'transient' | 'permanent';

/**
 * The fake SMTP server of providers.md §6, on 127.0.0.1: AUTH PLAIN/LOGIN over STARTTLS (the
 * package's built-in test certificate), keeps the messages it accepts, and answers a recipient
 * with 451 (transient) or 550 (permanent) on demand.
 */
export async function startSmtpSink(credentials = { user: 'mailer', pass: 'secret-pass' }) {
  const received: ReceivedMessage[] = [];
  let mode: SinkMode = 'accept';
  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (mode === 'transient') {
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      } else if (mode === 'permanent') {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    credentials,
    received,
    setMode(next: SinkMode) {
      mode = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** The 6-digit code in the plain-text part of a received message. */
export function codeIn(raw: string): string | undefined {
  return /\b(\d{6})\b/.exec(plainTextOf(raw) ?? '')?.[1];
}
