import { EMAIL_TEMPLATES, type EmailData, type EmailTemplateName } from './contracts';
import type { RenderedEmail } from './layout';
import { renderEmailVerification } from './templates/email-verification';
import { renderFeedbackNotification } from './templates/feedback-notification';
import { renderPasswordChanged } from './templates/password-changed';
import { renderPasswordReset } from './templates/password-reset';
import { renderPasswordResetAlert } from './templates/password-reset-alert';
import { renderPaymentFailed } from './templates/payment-failed';
import { renderPaymentSuccess } from './templates/payment-success';
import { renderPinReset } from './templates/pin-reset';
import { renderWeeklyReport } from './templates/weekly-report';

const RENDERERS: { [N in EmailTemplateName]: (data: EmailData<N>) => RenderedEmail } = {
  'email-verification': renderEmailVerification,
  'password-reset': renderPasswordReset,
  'password-reset-alert': renderPasswordResetAlert,
  'password-changed': renderPasswordChanged,
  'pin-reset': renderPinReset,
  'feedback-notification': renderFeedbackNotification,
  'payment-success': renderPaymentSuccess,
  'payment-failed': renderPaymentFailed,
  'weekly-report': renderWeeklyReport,
};

/** Template data that fails its schema: the job can never succeed, so it is not retried. */
export class InvalidEmailDataError extends Error {
  constructor(
    readonly template: string,
    readonly issues: string[],
  ) {
    super(`Invalid data for email template ${template}: ${issues.join('; ')}`);
    this.name = 'InvalidEmailDataError';
  }
}

/**
 * Validates `data` against the template's schema (providers.md §6) and renders subject, HTML and
 * plain text. Issue messages name the field only, never its value (it may be a one-time code).
 */
export function renderEmail(template: EmailTemplateName, data: unknown): RenderedEmail {
  const contract = EMAIL_TEMPLATES[template];
  if (!contract) throw new InvalidEmailDataError(String(template), ['unknown template']);
  const parsed = contract.data.safeParse(data);
  if (!parsed.success) {
    throw new InvalidEmailDataError(
      template,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const render = RENDERERS[template] as (value: unknown) => RenderedEmail;
  return render(parsed.data);
}
