import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@/lib/embed/messages';
// @ts-expect-error: a plain ESM build script without types.
import { buildEmbed } from '../../packages/embed/build.mjs';

// public/embed.js is the package's build (packages/embed), committed so the app serves it with no
// build step; host pages load it on every visit. What it does with messages, in a DOM:
// embed-element-messages.test.ts.

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const served = read('public/embed.js');
const source = read('packages/embed/src/embed.js');
const types = read('packages/embed/src/embed.d.ts');
const gz = (text: string) => gzipSync(text, { level: 9 }).byteLength;

describe('<keyward-security> (packages/embed, served as public/embed.js)', () => {
  it('serves the package’s current build', async () => {
    const built = (await buildEmbed()) as Record<string, string>;
    expect(served, 'run `node packages/embed/build.mjs --public`').toBe(built['embed.js']);
    expect(read('public/embed.d.ts')).toBe(built['embed.d.ts']);
  });

  it('is at most 3 kB gzipped, and the React wrapper at most 1 kB on top', async () => {
    const built = (await buildEmbed()) as Record<string, string>;
    expect(gz(served)).toBeLessThanOrEqual(3072);
    expect(gz(built['react.js'] ?? '')).toBeLessThanOrEqual(1024);
  });

  it('has no dependencies', () => {
    expect(served).not.toMatch(/\bimport\s*[\s{*'"(]/);
    expect(served).not.toMatch(/\brequire\(/);
  });

  it('checks, re-dispatches and declares every event the frame sends', () => {
    for (const type of EVENT_TYPES) {
      expect(source, type).toContain(`${type.includes('-') ? `'${type}'` : type}:`);
      expect(types, type).toContain(`'keyward:${type}':`);
    }
    expect(types.match(/'keyward:[a-z-]+':/g)).toHaveLength(EVENT_TYPES.length);
  });
});
