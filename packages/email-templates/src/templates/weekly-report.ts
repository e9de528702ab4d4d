import type { EmailData } from '../contracts';
import { html } from '../html';
import { formatDate, layout, paragraph, plural, type RenderedEmail } from '../layout';

const cell = 'padding:8px;border-bottom:1px solid #ece8f6;text-align:left;';

export function renderWeeklyReport(data: EmailData<'weekly-report'>): RenderedEmail {
  const week = `${formatDate(data.weekStartDate)} – ${formatDate(data.weekEndDate)}`;
  const totals = `In total: ${plural(data.totalStoriesCompleted, 'story', 'stories')} completed and ${plural(data.totalScreenTimeMins, 'minute')} of reading.`;
  const table =
    data.kids.length === 0
      ? paragraph('No reading activity this week. A bedtime story is a great place to start!')
      : html`<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px;"><tr><th style="${cell}">Kid</th><th style="${cell}">Stories</th><th style="${cell}">Minutes</th><th style="${cell}">Stars</th><th style="${cell}">Badges</th></tr>${data.kids.map(
          (kid) =>
            html`<tr><td style="${cell}">${kid.kidName}</td><td style="${cell}">${kid.storiesCompleted}</td><td style="${cell}">${kid.screenTimeMins}</td><td style="${cell}">${kid.starsEarned}</td><td style="${cell}">${kid.badgesEarned}</td></tr>`,
        )}</table>`;
  const kidLines = data.kids.map(
    (kid) =>
      `- ${kid.kidName}: ${plural(kid.storiesCompleted, 'story', 'stories')}, ${plural(kid.screenTimeMins, 'minute')}, ${plural(kid.starsEarned, 'star')}, ${plural(kid.badgesEarned, 'badge')}`,
  );
  return layout({
    subject: "Your family's Storytime week",
    preheader: `Your family's reading from ${week}.`,
    heading: "Your family's week",
    html: html`${paragraph(`Hi ${data.userName},`)}${paragraph(`Here is your family's reading from ${week}.`)}${table}${paragraph(totals)}`,
    text: [
      `Hi ${data.userName},`,
      `Here is your family's reading from ${week}.`,
      ...(kidLines.length > 0
        ? [kidLines.join('\n')]
        : ['No reading activity this week. A bedtime story is a great place to start!']),
      totals,
    ],
  });
}
