import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@/lib/embed/messages';

// public/embed.js is served as it is (no build step), to host pages that load it on every visit.

const source = readFileSync(new URL('../../public/embed.js', import.meta.url), 'utf8');
const types = readFileSync(new URL('../../public/embed.d.ts', import.meta.url), 'utf8');

describe('<keyward-security> (public/embed.js)', () => {
  it('is at most 3 kB gzipped', () => {
    const bytes = gzipSync(source, { level: 9 }).byteLength;
    expect(bytes).toBeLessThanOrEqual(3072);
  });

  it('has no dependencies', () => {
    expect(source).not.toMatch(/\bimport\s*[\s{*'"(]/);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it('checks, re-dispatches and declares every event the frame sends', () => {
    for (const type of EVENT_TYPES) {
      expect(source, type).toContain(`${type.includes('-') ? `'${type}'` : type}:`);
      expect(types, type).toContain(`'keyward:${type}':`);
    }
    expect(types.match(/'keyward:[a-z-]+':/g)).toHaveLength(EVENT_TYPES.length);
  });

  it('posts only to Keyward’s exact origin and accepts only its own frame', () => {
    expect(source).toContain('postMessage(');
    expect(source).not.toMatch(/postMessage\([^)]*'\*'/);
    expect(source).toContain('event.origin !== ORIGIN');
    expect(source).toContain('event.source !== this.frame.contentWindow');
  });
});
