import type { EmailData } from '../contracts';
import { html } from '../html';
import { layout, paragraph, type RenderedEmail } from '../layout';

export function renderPasswordChanged(data: EmailData<'password-changed'>): RenderedEmail {
  const notYou =
    "If you didn't change it, reset your password from the app right away and contact Storytime support.";
  return layout({
    subject: 'Your Storytime password was changed',
    preheader: 'The password of your Storytime account was just changed.',
    heading: 'Your password was changed',
    html: html`${paragraph(`Hi ${data.userName},`)}${paragraph(html`The password of your Storytime account <strong>${data.email}</strong> was just changed. Your other devices were signed out.`)}${paragraph(notYou)}`,
    text: [
      `Hi ${data.userName},`,
      `The password of your Storytime account ${data.email} was just changed. Your other devices were signed out.`,
      notYou,
    ],
  });
}
