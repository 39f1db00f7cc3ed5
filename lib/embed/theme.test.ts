import { describe, expect, it } from 'vitest';
import {
  checkTheme,
  FONT_STACKS,
  isColour,
  isFontSize,
  isRadius,
  textOn,
  validTheme,
} from './theme';

describe('theme tokens from a host', () => {
  it.each([
    '#abc',
    '#AABBCC',
    '#aabbcc80',
    'rgb(10, 20, 30)',
    'rgb(10 20 30 / 50%)',
    'hsl(200deg 50% 40%)',
  ])('accepts the colour %s', (value) => expect(isColour(value)).toBe(true));

  it.each([
    'red',
    '#abcd1',
    'red;background:url(https://evil.example)',
    'rgb(1,2,3);color:red',
    'var(--x)',
    'url(javascript:alert(1))',
    'expression(alert(1))',
    `#${'a'.repeat(70)}`,
  ])('refuses %s as a colour', (value) => expect(isColour(value)).toBe(false));

  it('accepts radii up to 32px or 2rem, and nothing else', () => {
    for (const ok of ['0px', '4px', '32px', '0.5rem', '2rem', '1.25em'])
      expect(isRadius(ok)).toBe(true);
    for (const bad of ['33px', '3rem', '10%', 'calc(1px)', '4', '-1px', '4px;x:y', '1e2px'])
      expect(isRadius(bad)).toBe(false);
  });

  it('keeps valid tokens and drops the rest, whatever the input', () => {
    expect(
      validTheme({
        accent: ' #123456 ',
        radius: '500px',
        font: 'serif',
        scheme: 'dark',
        extra: 'x',
      }),
    ).toEqual({ accent: '#123456', font: 'serif', scheme: 'dark' });
    expect(validTheme({ font: 'constructor', scheme: 'night', accent: 42 })).toEqual({});
    expect(validTheme(null)).toEqual({});
    expect(validTheme('accent=#fff')).toEqual({});
  });

  it('offers font stacks by name only', () => {
    expect(Object.keys(FONT_STACKS)).toEqual(['system', 'serif', 'rounded', 'mono']);
    expect(validTheme({ font: 'Comic Sans MS' })).toEqual({});
  });

  it('picks readable text on the accent', () => {
    expect(textOn('#ffeb3b')).toBe('#000000');
    expect(textOn('#1d3b2a')).toBe('#ffffff');
    expect(textOn('#fff')).toBe('#000000');
    expect(textOn('rgb(0 0 0)')).toBeUndefined();
  });
});

describe('the tokens added for issue 24', () => {
  it('takes colours, and a font size from 12 to 20 px, and names what it refused', () => {
    const { theme, invalid } = checkTheme({
      background: '#101010',
      surface: 'rgb(20 20 20)',
      text: 'white',
      muted: '#999',
      danger: '#f00;x:y',
      'font-size': '15px',
      accent: '',
    });
    expect(theme).toEqual({
      background: '#101010',
      surface: 'rgb(20 20 20)',
      muted: '#999',
      'font-size': '15px',
    });
    expect(invalid).toEqual(['text', 'danger']);
    for (const bad of ['11px', '21px', '2rem', 'large']) expect(isFontSize(bad), bad).toBe(false);
    for (const ok of ['12px', '20px', '0.875rem', '1.25em']) expect(isFontSize(ok), ok).toBe(true);
  });
});
