import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '@/lib/factors/name-rules';
import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('keeps a free name', () => {
    expect(uniqueName('Security key', ['Desk key', 'Chrome on Linux'])).toBe('Security key');
  });

  it('numbers a taken one, whatever the case, with the lowest free number', () => {
    expect(uniqueName('Chrome on Linux', ['chrome on linux'])).toBe('Chrome on Linux 2');
    expect(uniqueName('Security key', ['Security key', 'Security key 2'])).toBe('Security key 3');
  });

  it('stays within the name rule', () => {
    const long = 'x'.repeat(MAX_NAME_LENGTH);
    const named = uniqueName(long, [long]);
    expect([...named]).toHaveLength(MAX_NAME_LENGTH);
    expect(named.endsWith(' 2')).toBe(true);
  });
});
