import { describe, expect, it } from 'vitest';
import { parseInvalidation } from './invalidation';

describe('parseInvalidation', () => {
  it('accepts well-formed messages and ignores anything else', () => {
    expect(parseInvalidation('{"keys":["a"],"tags":[],"origin":"x"}')).toEqual({
      keys: ['a'],
      tags: [],
      origin: 'x',
    });
    expect(parseInvalidation('not json')).toBeUndefined();
    expect(parseInvalidation('{"keys":[1],"origin":"x"}')).toBeUndefined();
    expect(parseInvalidation('{"keys":["a"]}')).toBeUndefined();
    expect(parseInvalidation('null')).toBeUndefined();
  });
});
