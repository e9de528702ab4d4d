import { emailPriority, JOB, type JobIntent, QUEUE } from '@storytime/queue';
import { z } from 'zod';

const code6 = z.string().regex(/^\d{6}$/);
const email = z.string().email();

/**
 * Every email of providers.md §6: its notification category (which sets the queue priority) and
 * the data its template needs. The API validates data against these schemas when it records the
 * job; worker-email validates again before rendering (invalid data fails without retry).
 */
export const EMAIL_TEMPLATES = {
  'email-verification': {
    category: 'EMAIL_VERIFICATION',
    data: z.object({ code: code6, email, expiresInHours: z.number().int().positive() }),
  },
  'password-reset': {
    category: 'PASSWORD_RESET',
    data: z.object({ code: code6, email, expiresInHours: z.number().int().positive() }),
  },
  'password-reset-alert': {
    category: 'PASSWORD_RESET_ALERT',
    data: z.object({
      userName: z.string(),
      email,
      ipAddress: z.string(),
      userAgent: z.string(),
      timestamp: z.string(),
    }),
  },
  'password-changed': {
    category: 'PASSWORD_CHANGED',
    data: z.object({ userName: z.string(), email }),
  },
  'pin-reset': {
    category: 'PIN_RESET',
    data: z.object({ otp: code6, userName: z.string(), email, expiresInHours: z.number().int().positive() }),
  },
  'feedback-notification': {
    category: 'FEEDBACK',
    data: z.object({
      fullname: z.string(),
      email,
      category: z.string().optional(),
      message: z.string(),
      submittedAt: z.string(),
    }),
  },
  'payment-success': {
    category: 'PAYMENT_SUCCESS',
    data: z.object({
      userName: z.string(),
      plan: z.string(),
      amount: z.number(),
      currency: z.string(),
      endsAt: z.string(),
    }),
  },
  'payment-failed': {
    category: 'PAYMENT_FAILED',
    data: z.object({
      userName: z.string(),
      plan: z.string(),
      reason: z.string(),
      graceUntil: z.string().optional(),
    }),
  },
  'weekly-report': {
    category: 'WEEKLY_REPORT',
    data: z.object({
      userName: z.string(),
      weekStartDate: z.string(),
      weekEndDate: z.string(),
      kids: z.array(
        z.object({
          kidName: z.string(),
          storiesCompleted: z.number().int(),
          screenTimeMins: z.number().int(),
          starsEarned: z.number().int(),
          badgesEarned: z.number().int(),
        }),
      ),
      totalStoriesCompleted: z.number().int(),
      totalScreenTimeMins: z.number().int(),
    }),
  },
} as const;

export type EmailTemplateName = keyof typeof EMAIL_TEMPLATES;
export type EmailData<N extends EmailTemplateName> = z.infer<(typeof EMAIL_TEMPLATES)[N]['data']>;

/** `SUPPORT` sends to SUPPORT_EMAIL (else DEFAULT_SENDER_EMAIL), resolved by worker-email. */
export const SUPPORT_RECIPIENT = 'SUPPORT' as const;

/** What an email job carries in `job_requests.params` (platform.md §10: never secrets but the code it delivers). */
export interface EmailJobParams {
  template: EmailTemplateName;
  to: string;
  data: Record<string, unknown>;
  category: string;
  replyTo?: string;
  /** Set by worker-email right after the SMTP server accepts the message (at-least-once). */
  sentAt?: string;
}

export const emailJobParamsSchema = z.object({
  template: z.enum(Object.keys(EMAIL_TEMPLATES) as [EmailTemplateName, ...EmailTemplateName[]]),
  to: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  category: z.string(),
  replyTo: z.string().optional(),
  sentAt: z.string().optional(),
});

/**
 * The outbox intent for one email: validated data, priority by category (D7). Record it in the
 * transaction of the write that causes the email, so the email exists exactly when the write does.
 */
export function emailIntent<N extends EmailTemplateName>(
  template: N,
  to: string,
  data: EmailData<N>,
  options: { userId?: string | null; replyTo?: string } = {},
): JobIntent {
  const { category, data: schema } = EMAIL_TEMPLATES[template];
  const params: EmailJobParams = {
    template,
    to,
    data: schema.parse(data) as Record<string, unknown>,
    category,
    ...(options.replyTo ? { replyTo: options.replyTo } : {}),
  };
  return {
    kind: 'email',
    queue: QUEUE.email,
    jobName: JOB.sendEmail,
    params: params as unknown as Record<string, unknown>,
    userId: options.userId ?? null,
    priority: emailPriority(category),
  };
}
