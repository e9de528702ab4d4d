import { html, type SafeHtml } from './html';

/** What one template produces; worker-email sends it as multipart/alternative. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailBody {
  subject: string;
  /** Shown by mail clients next to the subject; never a one-time code. */
  preheader: string;
  heading: string;
  html: SafeHtml;
  /** Plain-text paragraphs, joined with blank lines. */
  text: string[];
}

const FOOTER_TEXT =
  'Storytime — stories for curious kids. You receive this email because of your Storytime account.';

/** The shared frame: inline styles only (mail clients drop <style> blocks and external CSS). */
export function layout(body: EmailBody): RenderedEmail {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${body.subject}</title>
</head>
<body style="margin:0;padding:0;background:#f4f1fb;font-family:Arial,Helvetica,sans-serif;color:#2d2a3e;">
<div style="display:none;max-height:0;overflow:hidden;">${body.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1fb;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:12px;">
<tr><td style="padding:24px 32px 8px;font-size:20px;font-weight:bold;color:#6b4fd8;">Storytime</td></tr>
<tr><td style="padding:8px 32px 0;"><h1 style="margin:0 0 16px;font-size:22px;">${body.heading}</h1></td></tr>
<tr><td style="padding:0 32px 24px;font-size:15px;line-height:1.6;">${body.html}</td></tr>
<tr><td style="padding:16px 32px 24px;font-size:12px;color:#8a8699;border-top:1px solid #ece8f6;">${FOOTER_TEXT}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
  const text = [
    body.heading,
    '',
    ...body.text.flatMap((paragraph) => [paragraph, '']),
    '—',
    FOOTER_TEXT,
  ].join('\n');
  return { subject: body.subject, html: page.value, text: `${text}\n` };
}

export const paragraph = (content: SafeHtml | string) => html`<p style="margin:0 0 16px;">${content}</p>`;

/** A one-time code, large and easy to copy. */
export const codeBlock = (code: string) =>
  html`<p style="margin:0 0 16px;text-align:center;"><span style="display:inline-block;padding:12px 24px;font-size:28px;letter-spacing:6px;font-weight:bold;background:#f4f1fb;border-radius:8px;font-family:'Courier New',monospace;">${code}</span></p>`;

/** Label/value rows. */
export const detailsTable = (rows: Array<[string, SafeHtml | string | number]>) =>
  html`<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">${rows.map(
    ([label, value]) =>
      html`<tr><td style="padding:6px 12px 6px 0;color:#8a8699;vertical-align:top;white-space:nowrap;">${label}</td><td style="padding:6px 0;vertical-align:top;">${value}</td></tr>`,
  )}</table>`;

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;
export const hours = (count: number) => plural(count, 'hour');

/** ISO timestamps shown in UTC; other strings are shown as given. */
export function formatDate(value: string, withTime = false): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const formatted = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(date);
  return withTime ? `${formatted} UTC` : formatted;
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
