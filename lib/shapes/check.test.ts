import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  isBoolean,
  isCount,
  isString,
  nullable,
  objectOf,
  oneOf,
  readWith,
} from './check';

describe('shape checks', () => {
  const isItem = objectOf({
    id: isString,
    kind: oneOf(['a', 'b'] as const),
    note: nullable(isString),
    on: isBoolean,
    n: isCount,
    tags: arrayOf(isString),
  });
  const good = { id: 'x', kind: 'a', note: null, on: true, n: 0, tags: ['t'] };

  it('accepts the expected shape, extra keys included', () => {
    expect(isItem(good)).toBe(true);
    expect(isItem({ ...good, extra: 1 })).toBe(true);
  });

  it.each([
    ['a missing key', { ...good, id: undefined }],
    ['a value outside the enum', { ...good, kind: 'c' }],
    ['a wrong type', { ...good, on: 'yes' }],
    ['a negative count', { ...good, n: -1 }],
    ['a fractional count', { ...good, n: 1.5 }],
    ['a bad array item', { ...good, tags: ['t', 2] }],
    ['null', null],
    ['an array', []],
  ])('refuses %s', (_, value) => {
    expect(isItem(value)).toBe(false);
  });

  it('reads a body only when it passes', () => {
    expect(readWith(isItem)(good)).toBe(good);
    expect(readWith(isItem)({})).toBeNull();
  });
});
