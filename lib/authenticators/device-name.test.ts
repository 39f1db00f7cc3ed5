import { describe, expect, it } from 'vitest';
import { deviceName } from './device-name';

const UA = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  firefoxWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  safariIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  headlessLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  edgeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
};

describe('deviceName', () => {
  it.each([
    [UA.chromeMac, 'Chrome on macOS'],
    [UA.firefoxWindows, 'Firefox on Windows'],
    [UA.safariIos, 'Safari on iOS'],
    [UA.headlessLinux, 'Chrome on Linux'],
    [UA.chromeAndroid, 'Chrome on Android'],
    [UA.edgeMac, 'Edge on macOS'],
  ])('names %s', (ua, expected) => {
    expect(deviceName(ua)).toBe(expected);
  });

  it.each([
    ['Chrome 131.0.0 / Mac OS X 10.15.7', 'Chrome on macOS'],
    ['Mobile Safari 17.4 / iOS 17.4', 'Safari on iOS'],
    ['Safari 17.4 / iOS 17.4.1', 'Safari on iOS'],
    ['Firefox 125.0 / Windows 10', 'Firefox on Windows'],
    ['Edge 124.0.2478 / Windows 11', 'Edge on Windows'],
    ['Chrome Mobile 124.0.0 / Android 14', 'Chrome on Android'],
    ['HeadlessChrome 140.0.0 / Linux', 'Chrome on Linux'],
    ['Samsung Internet 24.0 / Android 14', 'Samsung Internet on Android'],
    ['Chrome Headless 156.0.0 / Linux', 'Chrome on Linux'],
    ['Chrome / Linux', 'Chrome on Linux'],
    ['Other 0.0.0 / Mac OS X 10.15.7', 'macOS'],
    ['Chrome 131.0.0 / Other 0.0.0', 'Chrome'],
  ])("reads Auth0's user-agent summary %j", (summary, expected) => {
    expect(deviceName(summary)).toBe(expected);
  });

  it('returns null for a summary that names nothing', () => {
    expect(deviceName('Other 0.0.0 / Other 0.0.0')).toBeNull();
  });

  it('keeps the OS when the browser is unknown', () => {
    expect(deviceName('OAuth2/1 CFNetwork/1496.0.7 Darwin/23.5.0')).toBe('iOS');
  });

  it.each([undefined, null, '', '   ', 'curl/8.0', '???', 'x'.repeat(600)])(
    'returns null for odd or empty agent %j',
    (ua) => {
      expect(deviceName(ua)).toBeNull();
    },
  );
});
