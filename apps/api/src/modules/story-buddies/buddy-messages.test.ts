import { describe, expect, it } from 'vitest';
import { buddyMessage, selectionMessage } from './buddy-messages';

describe('buddy messages (rules.md §13)', () => {
  it.each([
    ['welcome', "Hi Ada! I'm Leo the Lion, and I can't wait to read stories with you!"],
    ['greeting', 'Hello Ada! Shall we read a story?'],
    ['challenge', "Hi Ada! Today's word is waiting for you."],
    ['story_start', 'Have fun with this story, Ada!'],
    ['story_complete', 'Well done, Ada! You finished the story!'],
    ['bedtime', 'Hello Ada!'],
    ['toString', 'Hello Ada!'],
  ])('%s', (context, expected) => {
    expect(buddyMessage(context, 'Ada', 'Leo the Lion')).toBe(expected);
  });

  it('calls a kid without a name "friend" and keeps `$` in names literal', () => {
    expect(buddyMessage('greeting', null, 'Leo')).toBe('Hello friend! Shall we read a story?');
    expect(buddyMessage('greeting', '   ', 'Leo')).toBe('Hello friend! Shall we read a story?');
    expect(buddyMessage('welcome', "$&'", '$1')).toBe(
      "Hi $&'! I'm $1, and I can't wait to read stories with you!",
    );
    expect(selectionMessage(null, 'Leo')).toBe("Leo is now friend's story buddy!");
  });
});
