import { describe, expect, it } from 'vitest';
import { suggestName } from './suggest-name';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GPM = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';

describe('suggestName', () => {
  it('names a passkey after its provider, else the browser it was made in', () => {
    expect(suggestName('passkey', GPM, CHROME_LINUX)).toBe('Google Password Man…'); // Auth0 keeps 20
    expect(suggestName('passkey', null, CHROME_LINUX)).toBe('Chrome on Linux');
    expect(suggestName('passkey', null, null)).toBe('Passkey');
  });

  it('never names a security key after the browser it was added from', () => {
    expect(suggestName('security-key', null, CHROME_LINUX)).toBe('Security key');
    expect(suggestName('security-key', '00000000-0000-0000-0000-000000000000', CHROME_LINUX)).toBe(
      'Security key',
    );
  });

  it('speaks the language asked for; a provider’s name stays', () => {
    expect(suggestName('security-key', null, CHROME_LINUX, 'de')).toBe('Sicherheitsschlüssel');
    expect(suggestName('passkey', null, CHROME_LINUX, 'de')).toBe('Chrome unter Linux');
    expect(suggestName('passkey', null, null, 'de')).toBe('Passkey');
    expect(suggestName('passkey', GPM, CHROME_LINUX, 'de')).toBe('Google Password Man…');
  });
});
