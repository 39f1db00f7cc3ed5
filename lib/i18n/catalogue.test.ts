import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './config';
import { MESSAGES } from './messages';
import { localizeServerText, serverText } from './server-text';

// Every language has every message of the English catalogue, no more, with the same arguments,
// and every message is valid ICU.

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Argument and tag names a message uses, e.g. {name}, {count, plural, …}, <time>…</time>. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<typeof parse>) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      names.add(el.value);
      if (el.type === TYPE.tag) walk(el.children);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const english = flatten(MESSAGES.en);

describe('the catalogue', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    const keys = [...flatten(MESSAGES[locale]).keys()].sort();
    expect(keys).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)('%s: every message is valid ICU with the English arguments', (locale) => {
    for (const [key, message] of flatten(MESSAGES[locale])) {
      const reference = english.get(key) ?? '';
      expect({ key, args: argumentsOf(message) }).toEqual({ key, args: argumentsOf(reference) });
    }
  });

  it.each(LOCALES)('%s: no message is empty', (locale) => {
    for (const [key, message] of flatten(MESSAGES[locale])) {
      expect({ key, empty: message.trim() === '' }).toEqual({ key, empty: false });
    }
  });
});

describe('server text', () => {
  it('translates an exact English message', () => {
    expect(localizeServerText('Sign in to continue.', 'de')).toBe(
      'Melden Sie sich an, um fortzufahren.',
    );
  });

  it('carries values over, numbers as numbers', () => {
    expect(
      localizeServerText('Auth0 is busy right now. Please try again in 7 seconds.', 'de'),
    ).toBe('Auth0 ist gerade ausgelastet. Bitte versuchen Sie es in 7 Sekunden erneut.');
    expect(localizeServerText('Phone ending in 1234', 'de')).toBe('Telefon mit Endziffern 1234');
  });

  it('translates "Chrome on macOS" only when asked', () => {
    expect(localizeServerText('Chrome on macOS', 'de')).toBe('Chrome on macOS');
    expect(localizeServerText('Chrome on macOS', 'de', { only: ['device'] })).toBe(
      'Chrome unter macOS',
    );
  });

  it('leaves English alone, and text it does not know', () => {
    expect(localizeServerText('Sign in to continue.', 'en')).toBe('Sign in to continue.');
    expect(localizeServerText('Desk key', 'de')).toBe('Desk key');
  });

  it('renders an entry by key', () => {
    expect(serverText('nameTooLong', 'en', { max: 64 })).toBe('Use 64 characters or fewer.');
  });
});
