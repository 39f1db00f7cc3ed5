import { describe, expect, it } from 'vitest';
import { clientAddress, isLoopback, parseIp, UNKNOWN_ADDRESS } from './client-ip';

describe('parseIp', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    [' 192.0.2.7 ', '192.0.2.7'],
    ['192.0.2.7:8080', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:192.0.2.7', '192.0.2.7'],
    ['[::ffff:192.0.2.7]:443', '192.0.2.7'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['198.51.100.22:443', '198.51.100.22'],
    ['[2001:db8::1]', '2001:db8::1'],
  ])('reads %j as %j', (input, expected) => {
    expect(parseIp(input)).toBe(expected);
  });

  it.each([
    '',
    'unknown',
    'Click here: https://evil.example',
    'not an ip',
    '192.0.2',
    '192.0.2.256',
    '1.2.3.04',
    '192.0.2.7 evil',
    '<script>',
    '::ffff:999.1.1.1',
    'a'.repeat(2000),
    'x[::1]',
    '[::1]:443 evil',
    '192.0.2.7:8080 evil',
  ])('refuses %j', (input) => {
    expect(parseIp(input)).toBeNull();
  });
});

describe('clientAddress', () => {
  it('takes the entry the trusted proxies appended, counted from the end', () => {
    expect(clientAddress('203.0.113.9, 198.51.100.2', 1)).toBe('198.51.100.2');
    expect(clientAddress('203.0.113.9, 198.51.100.2', 2)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', 5)).toBe('203.0.113.9');
  });

  it('answers "unknown" for free text, a missing header or an empty entry', () => {
    expect(clientAddress('Visit evil.example to keep your account', 1)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress('198.51.100.2, Call 555-0100', 1)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(null, 1)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(' , ', 1)).toBe(UNKNOWN_ADDRESS);
  });

  it('skips empty entries, as a proxy never appends one', () => {
    expect(clientAddress('203.0.113.9, , 198.51.100.2', 2)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9,,198.51.100.2', 2)).toBe('203.0.113.9');
  });

  it('counts one address once, however it is written', () => {
    expect(clientAddress('::ffff:198.51.100.2', 1)).toBe(clientAddress('198.51.100.2', 1));
  });
});

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '[::1]:3000'])('%s is', (ip) => {
    expect(isLoopback(ip)).toBe(true);
  });
  it.each([
    '10.0.0.1',
    '192.168.1.2',
    '10.127.0.1',
    '::2',
    '128.0.0.1',
    'localhost',
    '',
    null,
    undefined,
  ])('%s is not', (ip) => {
    expect(isLoopback(ip)).toBe(false);
  });
});
