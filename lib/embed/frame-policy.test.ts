import { describe, expect, it } from 'vitest';
import { allowedHost, embedReturnPath, frameAncestorsFor } from './frame-policy';

const allowed = ['https://app.example.com', 'http://127.0.0.1:4500'];
const url = (path: string) => new URL(path, 'http://localhost:3000');

describe('which page may be framed, and by whom', () => {
  it('lets only the named, listed host frame the embed page', () => {
    expect(
      frameAncestorsFor(url('/embed/security?host=https%3A%2F%2Fapp.example.com'), allowed),
    ).toEqual(['https://app.example.com']);
    expect(frameAncestorsFor(url('/embed/security/?host=http://127.0.0.1:4500'), allowed)).toEqual([
      'http://127.0.0.1:4500',
    ]);
  });

  it('refuses every other page and every unlisted or inexact host', () => {
    for (const path of [
      '/security?host=https://app.example.com',
      '/embed/return?host=https://app.example.com',
      '/embed/security',
      '/embed/security?host=https://evil.example',
      '/embed/security?host=https://app.example.com/',
      '/embed/security?host=https://APP.example.com',
      '/embed/security?host=*',
    ]) {
      expect(frameAncestorsFor(url(path), allowed), path).toEqual([]);
    }
    expect(allowedHost(null, allowed)).toBeNull();
  });

  it('sends the frame back only to the embed page on its own origin', () => {
    const origin = 'http://localhost:3000';
    expect(embedReturnPath('/embed/security?host=x&resume=remove:1', origin)).toBe(
      '/embed/security?host=x&resume=remove:1',
    );
    expect(embedReturnPath('https://evil.example/embed/security', origin)).toBeNull();
    expect(embedReturnPath('//evil.example/embed/security', origin)).toBeNull();
    expect(embedReturnPath('/security', origin)).toBeNull();
    expect(embedReturnPath('/embed/return', origin)).toBeNull();
  });
});
