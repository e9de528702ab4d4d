import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATES, type EmailData, type EmailTemplateName } from './contracts';
import { escapeHtml, html } from './html';
import { withoutCodes } from './redact';
import { InvalidEmailDataError, renderEmail } from './render';

const HOSTILE = '<script>alert("x")</script> & "Bob"';

const SAMPLES: { [N in EmailTemplateName]: EmailData<N> } = {
  'email-verification': { code: '123456', email: 'ana@example.com', expiresInHours: 24 },
  'password-reset': { code: '654321', email: 'ana@example.com', expiresInHours: 24 },
  'password-reset-alert': {
    userName: HOSTILE,
    email: 'ana@example.com',
    ipAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 <b>',
    timestamp: '2026-03-12T08:30:00.000Z',
  },
  'password-changed': { userName: HOSTILE, email: 'ana@example.com' },
  'pin-reset': { otp: '112233', userName: HOSTILE, email: 'ana@example.com', expiresInHours: 1 },
  'feedback-notification': {
    fullname: HOSTILE,
    email: 'bob@example.com',
    category: 'bug <i>',
    message: `Line one\nLine two ${HOSTILE}`,
    submittedAt: '2026-03-12T08:30:00.000Z',
  },
  'payment-success': {
    userName: HOSTILE,
    plan: 'Premium <monthly>',
    amount: 4.99,
    currency: 'USD',
    endsAt: '2026-04-12T00:00:00.000Z',
  },
  'payment-failed': {
    userName: HOSTILE,
    plan: 'Premium',
    reason: 'card declined <x>',
    graceUntil: '2026-04-20T00:00:00.000Z',
  },
  'weekly-report': {
    userName: HOSTILE,
    weekStartDate: '2026-03-02',
    weekEndDate: '2026-03-08',
    kids: [
      { kidName: HOSTILE, storiesCompleted: 3, screenTimeMins: 42, starsEarned: 9, badgesEarned: 1 },
      { kidName: 'Lea', storiesCompleted: 1, screenTimeMins: 10, starsEarned: 2, badgesEarned: 0 },
    ],
    totalStoriesCompleted: 4,
    totalScreenTimeMins: 52,
  },
};

const SUBJECTS: Record<EmailTemplateName, string> = {
  'email-verification': 'Verify your Storytime email',
  'password-reset': 'Your Storytime password reset code',
  'password-reset-alert': 'Your Storytime password was reset',
  'password-changed': 'Your Storytime password was changed',
  'pin-reset': 'Your Storytime PIN reset code',
  'feedback-notification': `New feedback from ${HOSTILE}`,
  'payment-success': 'Your Storytime subscription is active',
  'payment-failed': "We couldn't renew your Storytime subscription",
  'weekly-report': "Your family's Storytime week",
};

describe('email templates', () => {
  it('has a sample for every template of the contract', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(EMAIL_TEMPLATES).sort());
  });

  for (const template of Object.keys(SAMPLES) as EmailTemplateName[]) {
    it(`renders ${template} with the subject of providers.md §6, HTML and text`, () => {
      const email = renderEmail(template, SAMPLES[template]);
      expect(email.subject).toBe(SUBJECTS[template]);
      expect(email.html).toMatch(/^<!doctype html>/);
      expect(email.html).toContain('Storytime');
      expect(email.text.length).toBeGreaterThan(40);
      // Every interpolated value is escaped: no raw markup from the data reaches the HTML.
      expect(email.html).not.toContain('<script>');
      expect(email.html).not.toContain('<b>');
      expect(email.html).not.toContain('<i>');
      expect(email.html).not.toContain('<monthly>');
      expect(email.html).not.toContain('<x>');
      if (JSON.stringify(SAMPLES[template]).includes('<script>')) {
        expect(email.html).toContain(
          '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Bob&quot;',
        );
        expect(email.text).toContain(HOSTILE);
      }
    });
  }

  it('puts the one-time code in both parts of the code emails', () => {
    for (const [template, code] of [
      ['email-verification', '123456'],
      ['password-reset', '654321'],
      ['pin-reset', '112233'],
    ] as const) {
      const email = renderEmail(template, SAMPLES[template]);
      expect(email.html).toContain(code);
      expect(email.text).toContain(code);
      expect(email.subject).not.toContain(code);
    }
  });

  it('states the expiry in hours with the right plural', () => {
    expect(renderEmail('pin-reset', SAMPLES['pin-reset']).text).toContain('expires in 1 hour.');
    expect(renderEmail('email-verification', SAMPLES['email-verification']).text).toContain('24 hours');
  });

  it('keeps the feedback message line breaks and a one-line subject', () => {
    const email = renderEmail('feedback-notification', {
      ...SAMPLES['feedback-notification'],
      fullname: 'Eve\r\nBcc: victim@example.com',
    });
    expect(email.subject).toBe('New feedback from Eve Bcc: victim@example.com');
    expect(email.html).toContain('Line one<br>Line two');
    expect(email.text).toContain('Line one\nLine two');
  });

  it('formats money and dates', () => {
    const email = renderEmail('payment-success', SAMPLES['payment-success']);
    expect(email.text).toContain('$4.99');
    expect(email.text).toContain('12 April 2026');
  });

  it('renders a weekly report without kids', () => {
    const email = renderEmail('weekly-report', { ...SAMPLES['weekly-report'], kids: [] });
    expect(email.text).toContain('No reading activity this week');
  });

  it('refuses invalid data without echoing the values', () => {
    const attempt = () =>
      renderEmail('email-verification', { code: '12ab', email: 'nope', expiresInHours: 24 });
    expect(attempt).toThrow(InvalidEmailDataError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('code');
      expect(message).not.toContain('12ab');
    }
    expect(() => renderEmail('weekly-report', {})).toThrow(InvalidEmailDataError);
  });

  it('escapes HTML through the html tag unless the value is already safe markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<u>', 1]}${undefined}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&lt;u&gt;1</p>');
  });

  it('removes one-time codes from data copies', () => {
    expect(withoutCodes({ code: '1', otp: '2', email: 'a@b.c' })).toEqual({ email: 'a@b.c' });
  });
});
