import type { EmailData } from '../contracts';
import { html } from '../html';
import { detailsTable, formatDate, layout, paragraph, type RenderedEmail } from '../layout';

export function renderPasswordResetAlert(data: EmailData<'password-reset-alert'>): RenderedEmail {
  const when = formatDate(data.timestamp, true);
  const notYou =
    "If this wasn't you, reset your password again right away and contact Storytime support: someone may have access to your email.";
  return layout({
    subject: 'Your Storytime password was reset',
    preheader: 'The password of your Storytime account was just reset.',
    heading: 'Your password was reset',
    html: html`${paragraph(`Hi ${data.userName},`)}${paragraph(html`The password of your Storytime account <strong>${data.email}</strong> was reset.`)}${detailsTable(
      [
        ['When', when],
        ['IP address', data.ipAddress],
        ['Device', data.userAgent],
      ],
    )}${paragraph(notYou)}`,
    text: [
      `Hi ${data.userName},`,
      `The password of your Storytime account ${data.email} was reset.`,
      `When: ${when}\nIP address: ${data.ipAddress}\nDevice: ${data.userAgent}`,
      notYou,
    ],
  });
}
