import type { EmailData } from '../contracts';
import { html } from '../html';
import { formatDate, layout, paragraph, type RenderedEmail } from '../layout';

export function renderPaymentFailed(data: EmailData<'payment-failed'>): RenderedEmail {
  const grace = data.graceUntil
    ? `You keep your premium features until ${formatDate(data.graceUntil)} while the store retries.`
    : undefined;
  const action = 'Please check the payment method of your App Store or Google Play account.';
  return layout({
    subject: "We couldn't renew your Storytime subscription",
    preheader: `Your ${data.plan} subscription could not be renewed.`,
    heading: "We couldn't renew your subscription",
    html: html`${paragraph(`Hi ${data.userName},`)}${paragraph(html`The renewal of your <strong>${data.plan}</strong> subscription failed: ${data.reason}.`)}${grace ? paragraph(grace) : ''}${paragraph(action)}`,
    text: [
      `Hi ${data.userName},`,
      `The renewal of your ${data.plan} subscription failed: ${data.reason}.`,
      ...(grace ? [grace] : []),
      action,
    ],
  });
}
