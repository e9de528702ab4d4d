import type { DbOrTx } from '../client';
import { type SupportTicketMetadata, supportTickets } from '../schema';

/** Support tickets filed by the account flows (rules.md §16); the help-support module owns the rest. */
export async function insertSupportTicket(
  tx: DbOrTx,
  values: { userId: string; subject: string; message: string; metadata?: SupportTicketMetadata | null },
): Promise<string> {
  const [row] = await tx
    .insert(supportTickets)
    .values({
      userId: values.userId,
      subject: values.subject,
      message: values.message,
      metadata: values.metadata ?? null,
    })
    .returning({ id: supportTickets.id });
  return row!.id;
}
