/**
 * The static help texts of the help-support routes (api.md §16, HELP-01/03/04/05), versioned with
 * the code so a wording change is a reviewed edit of this file only. Plain data: no dependencies.
 */

export interface Faq {
  question: string;
  answer: string;
}

export interface Contact {
  email: string;
  phone: string;
}

export interface TextSection {
  title: string;
  content: string;
}

/** Bumped whenever any text below changes, so clients can tell a cached copy is stale. */
export const CONTENT_VERSION = '2025-01-01';

export const faqs: readonly Faq[] = [
  {
    question: 'What is Storytime?',
    answer:
      'Storytime is a reading app for children. It offers a library of illustrated stories with narration, ' +
      'personalised stories created for your child, a friendly story buddy and a daily word challenge, so ' +
      'reading becomes a fun habit.',
  },
  {
    question: 'Which ages is Storytime for?',
    answer:
      'Stories are written for children from 3 to 12 years old. Each child profile has an age range, and ' +
      'the library suggests stories that suit it. You can also block any story you would rather your child ' +
      'did not read.',
  },
  {
    question: 'How many stories can we read for free?',
    answer:
      'The free plan includes a set number of stories, with a few bonus stories added every week. A premium ' +
      'subscription unlocks unlimited stories, every narration voice and personalised story generation.',
  },
  {
    question: 'How do I cancel my subscription?',
    answer:
      'Subscriptions are managed by the store you bought them from. On iPhone or iPad open Settings, tap ' +
      'your name, then Subscriptions; on Android open the Google Play Store, tap your profile, then Payments ' +
      '& subscriptions. Premium stays active until the end of the period you paid for.',
  },
];

export const contact: Contact = {
  email: 'team@storytime.app',
  phone: '+234 800 786 7984',
};

export const terms: readonly TextSection[] = [
  {
    title: 'Acceptance of these terms',
    content:
      'By creating an account or using Storytime you agree to these terms. If you do not agree, please do ' +
      'not use the app. We may update the terms from time to time; continuing to use Storytime after an ' +
      'update means you accept the new version.',
  },
  {
    title: 'Accounts',
    content:
      'Accounts are created and managed by a parent or guardian aged 18 or over. Children use Storytime ' +
      'through the child profiles of that account. You are responsible for keeping your password and PIN ' +
      'safe and for all activity on your account.',
  },
  {
    title: 'Subscriptions and payments',
    content:
      'Premium subscriptions are billed through the Apple App Store or Google Play and renew automatically ' +
      'until cancelled in the store. Prices are shown before purchase. Refunds follow the policy of the ' +
      'store you paid through.',
  },
  {
    title: 'Content',
    content:
      'Stories, illustrations, narrations and other content in Storytime are protected by copyright and ' +
      'are licensed to you for personal, non-commercial use within the app only. Personalised stories are ' +
      'generated automatically; we review our content rules regularly, but please tell us if anything ' +
      'seems unsuitable.',
  },
  {
    title: 'Acceptable use',
    content:
      'Do not misuse Storytime: do not try to access other families’ data, disrupt the service, copy the ' +
      'content in bulk or upload material you have no right to share, such as another person’s voice ' +
      'without their consent.',
  },
  {
    title: 'Suspension and deletion',
    content:
      'You can delete your account at any time from the app. We may suspend or close accounts that break ' +
      'these terms. After a deletion you have a short period to restore the account before its data is ' +
      'removed permanently.',
  },
  {
    title: 'Liability and contact',
    content:
      'Storytime is provided as is. To the extent the law allows, we are not liable for indirect losses ' +
      'arising from its use. Questions about these terms are welcome at team@storytime.app.',
  },
];

export const privacy: TextSection = {
  title: 'Privacy policy',
  content:
    'We collect only what Storytime needs to work: the parent’s name, email address and sign-in details; ' +
    'the name, age range and reading preferences of each child profile; reading progress, achievements ' +
    'and the stories read or created; voice recordings you choose to upload for narration; and technical ' +
    'data such as device type and IP address for security and troubleshooting. We use this data to ' +
    'provide and personalise the service, to keep accounts secure and to send the emails you have ' +
    'agreed to receive. We never sell personal data and never show advertising to children. Service ' +
    'providers that host our data, send emails, narrate stories or process payments handle it only on ' +
    'our instructions. You can see and change your data in the app, and you can delete your account at ' +
    'any time, which removes your family’s data after the restore period. For any privacy question or ' +
    'request, write to team@storytime.app.',
};
