/**
 * `pnpm outbox:last [--raw]`: prints the latest message the offline outbox received (providers.md
 * §6): its summary and plain-text body, or the whole .eml with --raw.
 */
import { join } from 'node:path';
import { optionalString, parseEnv } from '@storytime/config';
import { latestOutboxEntry, outboxCandidates, plainTextOf } from '../email/outbox-reader';

const env = parseEnv({ EMAIL_OUTBOX_DIR: optionalString.transform((value) => value ?? './.data/outbox') });
const dirs = outboxCandidates(env.EMAIL_OUTBOX_DIR);
const entry = await latestOutboxEntry(dirs);
if (!entry) {
  console.error(`No message in the outbox (looked in ${dirs.join(', ')}).`);
  process.exit(1);
}
if (process.argv.includes('--raw')) {
  process.stdout.write(entry.eml);
} else {
  const { summary } = entry;
  const lines = [
    `File:     ${join(entry.dir, `${entry.base}.eml`)}`,
    `To:       ${String(summary.to)}`,
    ...(summary.replyTo ? [`Reply-To: ${String(summary.replyTo)}`] : []),
    `Subject:  ${String(summary.subject)}`,
    `Template: ${String(summary.template)} (${String(summary.category)})`,
    `Written:  ${String(summary.writtenAt)}`,
    '',
    plainTextOf(entry.eml) ?? '(no plain-text part; use --raw)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
