import { describe, expect, it } from 'vitest';
import {
  allowedHost,
  assetMethodAllowed,
  embedCheck,
  embedReturnPath,
  frameAncestorsFor,
} from './frame-policy';

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

describe('GET /embed/check', () => {
  const check = (host: string) =>
    embedCheck(url(`/embed/check?host=${encodeURIComponent(host)}`), allowed, 'bad');

  it('tells a host, and only that host (CORS), whether it may embed Keyward', () => {
    expect(check('https://app.example.com')).toMatchObject({
      status: 200,
      body: { allowed: true },
      headers: { 'access-control-allow-origin': 'https://app.example.com' },
    });
    expect(check('https://evil.example')).toMatchObject({
      status: 200,
      body: { allowed: false, setting: 'EMBED_ALLOWED_ORIGINS' },
      headers: { 'access-control-allow-origin': 'https://evil.example' },
    });
  });

  it('answers anything but an origin with a 400 in the usual error shape, readable by anyone', () => {
    for (const host of [
      '',
      '*',
      'https://app.example.com/',
      'javascript:alert(1)',
      'x'.repeat(3000),
    ]) {
      expect(check(host), host).toEqual({
        status: 400,
        body: { error: { code: 'bad_request', message: 'bad' } },
        headers: {
          'cache-control': 'no-store',
          vary: 'origin',
          'access-control-allow-origin': '*',
        },
      });
    }
  });

  it('is never cached, and varies by origin', () => {
    expect(check('https://app.example.com').headers).toEqual({
      'cache-control': 'no-store',
      vary: 'origin',
      'access-control-allow-origin': 'https://app.example.com',
    });
  });

  it('takes origins up to 2,048 characters, and no longer ones', () => {
    const origin = (length: number) => `https://${'a'.repeat(length - 12)}.com`;
    expect(origin(2048)).toHaveLength(2048);
    expect(check(origin(2048)).status).toBe(200);
    expect(check(origin(2049)).status).toBe(400);
  });
});

describe('assetMethodAllowed', () => {
  it('lets only GET and HEAD reach the static embed files (any other method is a 405)', () => {
    expect(assetMethodAllowed('GET')).toBe(true);
    expect(assetMethodAllowed('HEAD')).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'get']) {
      expect(assetMethodAllowed(method), method).toBe(false);
    }
  });
});
