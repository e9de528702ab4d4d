import { describe, expect, it } from 'vitest';
import { contact, faqs, privacy, terms } from './index';

describe('help content (api.md §16)', () => {
  it('ships 4 FAQs, the contact, 7 terms sections and one privacy text, none of them blank', () => {
    expect(faqs).toHaveLength(4);
    expect(terms).toHaveLength(7);
    expect(contact.email).toBe('team@storytime.app');
    expect(contact.phone).toMatch(/^\+\d[\d ]{6,}$/);
    for (const faq of faqs) {
      expect(faq.question.trim()).not.toBe('');
      expect(faq.answer.trim()).not.toBe('');
    }
    for (const section of [...terms, privacy]) {
      expect(section.title.trim()).not.toBe('');
      expect(section.content.trim()).not.toBe('');
    }
    expect(new Set(terms.map((section) => section.title)).size).toBe(terms.length);
  });
});
