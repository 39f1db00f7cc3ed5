import { describe, expect, it } from 'vitest';
import { isIncomingMessage, PROTOCOL } from './messages';

describe('messages a host may send the frame', () => {
  it('takes a theme and a visible area, in their shapes', () => {
    expect(
      isIncomingMessage({ protocol: PROTOCOL, type: 'theme', theme: { accent: '#123' } }),
    ).toBe(true);
    expect(isIncomingMessage({ protocol: PROTOCOL, type: 'viewport', top: 120, height: 640 })).toBe(
      true,
    );
  });

  it('drops anything else', () => {
    for (const message of [
      null,
      'viewport',
      { protocol: 'other/1', type: 'viewport', top: 0, height: 10 },
      { protocol: PROTOCOL, type: 'viewport', top: -1, height: 10 },
      { protocol: PROTOCOL, type: 'viewport', top: 0, height: Number.POSITIVE_INFINITY },
      { protocol: PROTOCOL, type: 'viewport', top: '0', height: 10 },
      { protocol: PROTOCOL, type: 'theme', theme: null },
      { protocol: PROTOCOL, type: 'css', css: 'body{}' },
      { protocol: PROTOCOL, type: 'reload' },
      { protocol: 'other/1', type: 'sign-out' },
    ]) {
      expect(isIncomingMessage(message)).toBe(false);
    }
  });
});
