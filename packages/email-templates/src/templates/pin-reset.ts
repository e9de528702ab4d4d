import type { EmailData } from '../contracts';
import { html } from '../html';
import { codeBlock, hours, layout, paragraph, type RenderedEmail } from '../layout';

export function renderPinReset(data: EmailData<'pin-reset'>): RenderedEmail {
  const expiry = `The code expires in ${hours(data.expiresInHours)}.`;
  const ignore = "If you didn't ask to reset your PIN, ignore this email: your PIN stays the same.";
  return layout({
    subject: 'Your Storytime PIN reset code',
    preheader: 'Use the code inside to choose a new parental PIN.',
    heading: 'Reset your parental PIN',
    html: html`${paragraph(`Hi ${data.userName},`)}${paragraph(html`Use this code to reset the parental PIN of <strong>${data.email}</strong>:`)}${codeBlock(data.otp)}${paragraph(expiry)}${paragraph(ignore)}`,
    text: [
      `Hi ${data.userName},`,
      `Use this code to reset the parental PIN of ${data.email}:`,
      data.otp,
      expiry,
      ignore,
    ],
  });
}
