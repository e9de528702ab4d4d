import type { EmailData } from '../contracts';
import { html } from '../html';
import { detailsTable, formatDate, formatMoney, layout, paragraph, type RenderedEmail } from '../layout';

export function renderPaymentSuccess(data: EmailData<'payment-success'>): RenderedEmail {
  const amount = formatMoney(data.amount, data.currency);
  const until = formatDate(data.endsAt);
  return layout({
    subject: 'Your Storytime subscription is active',
    preheader: `Your ${data.plan} subscription is active.`,
    heading: 'Thank you for subscribing',
    html: html`${paragraph(`Hi ${data.userName},`)}${paragraph(html`Your <strong>${data.plan}</strong> subscription is active. Enjoy every story!`)}${detailsTable(
      [
        ['Plan', data.plan],
        ['Amount', amount],
        ['Current period ends', until],
      ],
    )}`,
    text: [
      `Hi ${data.userName},`,
      `Your ${data.plan} subscription is active. Enjoy every story!`,
      `Plan: ${data.plan}\nAmount: ${amount}\nCurrent period ends: ${until}`,
    ],
  });
}
