import { z } from 'zod';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { email, isoDate, str, uuid } from '../../lib/schemas';

/** Request and response schemas of HELP-01..08 (api.md §16). */

export const feedbackBody = z
  .object({
    fullname: str(1, 100),
    email,
    // New and optional (api.md §16): the reference body had no category.
    category: str(1, 50).optional(),
    message: str(1, 5000),
  })
  .strict();

export const faqsResponse = z.array(z.object({ question: z.string(), answer: z.string() }));
export const contactResponse = z.object({ email: z.string(), phone: z.string() });
export const textSectionSchema = z.object({ title: z.string(), content: z.string() });

/** Fix: the reference's ticket body had no validators. */
export const createTicketBody = z.object({ subject: str(1, 200), message: str(1, 5000) }).strict();

export const ticketSchema = z.object({
  id: z.string(),
  userId: z.string(),
  subject: z.string(),
  message: z.string(),
  status: z.enum(['open', 'in_progress', 'resolved', 'closed']),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const ticketPage = cursorPage(ticketSchema);
export const ticketListQuery = cursorQuery();
export const ticketIdParams = z.object({ id: uuid });
