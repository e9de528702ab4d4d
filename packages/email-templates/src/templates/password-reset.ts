import type { EmailData } from '../contracts';
import { html } from '../html';
import { codeBlock, hours, layout, paragraph, type RenderedEmail } from '../layout';

export function renderPasswordReset(data: EmailData<'password-reset'>): RenderedEmail {
  const expiry = `The code expires in ${hours(data.expiresInHours)}.`;
  const ignore = "If you didn't ask for a reset, ignore this email: your password stays the same.";
  return layout({
    subject: 'Your Storytime password reset code',
    preheader: 'Use the code inside to choose a new password.',
    heading: 'Reset your password',
    html: html`${paragraph(html`We received a request to reset the password of <strong>${data.email}</strong>. Enter this code in the app:`)}${codeBlock(data.code)}${paragraph(expiry)}${paragraph(ignore)}`,
    text: [
      `We received a request to reset the password of ${data.email}. Enter this code in the app:`,
      data.code,
      expiry,
      ignore,
    ],
  });
}
