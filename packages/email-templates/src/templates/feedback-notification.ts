import type { EmailData } from '../contracts';
import { html, multiline, oneLine } from '../html';
import { detailsTable, formatDate, layout, paragraph, type RenderedEmail } from '../layout';

/** Sent to the support inbox; Reply-To is the sender, so answering replies to them. */
export function renderFeedbackNotification(data: EmailData<'feedback-notification'>): RenderedEmail {
  const submitted = formatDate(data.submittedAt, true);
  const category = data.category ?? '—';
  return layout({
    subject: oneLine(`New feedback from ${data.fullname}`),
    preheader: oneLine(`Feedback from ${data.fullname} (${category})`),
    heading: 'New feedback',
    html: html`${detailsTable([
      ['From', data.fullname],
      ['Email', data.email],
      ['Category', category],
      ['Submitted', submitted],
    ])}${paragraph(html`<span style="display:block;padding:12px 16px;background:#f4f1fb;border-radius:8px;">${multiline(data.message)}</span>`)}${paragraph('Reply to this email to answer the sender.')}`,
    text: [
      `From: ${data.fullname}\nEmail: ${data.email}\nCategory: ${category}\nSubmitted: ${submitted}`,
      data.message,
      'Reply to this email to answer the sender.',
    ],
  });
}
