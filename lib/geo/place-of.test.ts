// Places from the offline database, worded per language: a well-known public address has its
// city and country, loopback and private addresses say so, and unknown ones stay unknown.
import { describe, expect, it } from 'vitest';
import { formatPlace } from './format-place';
import { placeOf } from './place-of';

const words = { thisComputer: 'this computer', thisNetwork: 'this network' };

describe('placeOf', () => {
  it('finds a public address’s city (without its district) and country', async () => {
    expect(await placeOf('81.169.145.78')).toEqual({
      scope: 'public',
      city: 'Berlin',
      country: 'DE',
    });
    expect(await placeOf('2001:4860:4860::8888')).toMatchObject({ scope: 'public' });
  });

  it('reads loopback as this computer and private ranges as this network', async () => {
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(await placeOf(ip)).toMatchObject({ scope: 'loopback' });
    }
    for (const ip of ['10.1.2.3', '192.168.0.10', '172.20.0.1', 'fd00::1']) {
      expect(await placeOf(ip)).toMatchObject({ scope: 'private' });
    }
  });

  it('knows nothing of documentation ranges or text that is no address', async () => {
    expect(await placeOf('203.0.113.24')).toBeNull();
    expect(await placeOf('not an ip')).toBeNull();
    expect(await placeOf(null)).toBeNull();
  });
});

describe('formatPlace', () => {
  it('words the country in the reader’s language', () => {
    const berlin = { scope: 'public', city: 'Berlin', country: 'DE' } as const;
    expect(formatPlace(berlin, 'en', words)).toBe('Berlin, Germany');
    expect(formatPlace(berlin, 'de', words)).toBe('Berlin, Deutschland');
    expect(formatPlace({ ...berlin, city: null }, 'en', words)).toBe('Germany');
    expect(formatPlace({ scope: 'loopback', city: null, country: null }, 'en', words)).toBe(
      'this computer',
    );
    expect(formatPlace(null, 'en', words)).toBeNull();
  });
});
