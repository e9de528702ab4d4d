import type { EmailData } from '../contracts';
import { html } from '../html';
import { codeBlock, hours, layout, paragraph, type RenderedEmail } from '../layout';

export function renderEmailVerification(data: EmailData<'email-verification'>): RenderedEmail {
  const expiry = `The code expires in ${hours(data.expiresInHours)}.`;
  const ignore = "If you didn't create a Storytime account, you can ignore this email.";
  return layout({
    subject: 'Verify your Storytime email',
    preheader: 'Your Storytime verification code is inside.',
    heading: 'Verify your email',
    html: html`${paragraph(html`Use this code to verify <strong>${data.email}</strong> on Storytime:`)}${codeBlock(data.code)}${paragraph(expiry)}${paragraph(ignore)}`,
    text: [`Use this code to verify ${data.email} on Storytime:`, data.code, expiry, ignore],
  });
}
