import { describe, expect, it } from 'vitest';
import { checkFactorName, MAX_NAME_LENGTH } from '@/lib/factors/name-rules';
import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('keeps a free name', () => {
    expect(uniqueName('Security key', ['Desk key', 'Chrome on Linux'])).toBe('Security key');
  });

  it('numbers a taken one, whatever the case or composition, with the lowest free number', () => {
    expect(uniqueName('Chrome on Linux', ['chrome on linux'])).toBe('Chrome on Linux 2');
    expect(uniqueName('Security key', ['Security key', 'Security key 2'])).toBe('Security key 3');
    expect(uniqueName('Café', ['cafe\u0301'])).toBe('Café 2');
  });

  it('stays within the name rule', () => {
    const long = 'Sicherheitsschlüssel'; // exactly 20
    const named = uniqueName(long, [long]);
    expect(named).toBe('Sicherheitsschlüs… 2');
    expect(checkFactorName(named).ok).toBe(true);
    const provider = uniqueName('Google Password Manager', []);
    expect(provider.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(checkFactorName(provider).ok).toBe(true);
  });
});
