/**
 * What a story buddy says (rules.md §13): fixed product copy, no AI. `{name}` is the kid's name
 * (or `friend`), `{buddy}` the buddy's display name.
 */

const TEMPLATES: Record<string, string> = {
  welcome: "Hi {name}! I'm {buddy}, and I can't wait to read stories with you!",
  greeting: 'Hello {name}! Shall we read a story?',
  challenge: "Hi {name}! Today's word is waiting for you.",
  story_start: 'Have fun with this story, {name}!',
  story_complete: 'Well done, {name}! You finished the story!',
};

const FALLBACK = 'Hello {name}!';

/** Contexts whose `contextId` names a story the message may mention (BUDDY-06 `contextData`). */
export const STORY_CONTEXTS: ReadonlySet<string> = new Set(['story_start', 'story_complete']);

export function kidCallName(kidName: string | null): string {
  const name = kidName?.trim();
  return name ? name : 'friend';
}

export function buddyMessage(context: string, kidName: string | null, buddyDisplayName: string): string {
  const template = Object.hasOwn(TEMPLATES, context) ? TEMPLATES[context]! : FALLBACK;
  // Function replacers: a `$` in a name must not be read as a replacement pattern.
  return template
    .replaceAll('{name}', () => kidCallName(kidName))
    .replaceAll('{buddy}', () => buddyDisplayName);
}

/** The answer to a choice (BUDDY-03/07). */
export function selectionMessage(kidName: string | null, buddyDisplayName: string): string {
  return `${buddyDisplayName} is now ${kidCallName(kidName)}'s story buddy!`;
}
