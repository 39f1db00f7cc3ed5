import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_CLIENT_ID, MY_ACCOUNT_GRANTED_SCOPES } from '../src/config';

// The README's table of the local tenant's applications says what the tenant's banner says.

describe('README', () => {
  it('lists the My Account scopes the local tenant grants the app, as its banner does', () => {
    const readme = readFileSync('README.md', 'utf8');
    const row = readme.split('\n').find((line) => line.includes(`\`${APP_CLIENT_ID}\``)) ?? '';
    const scopes = [...row.matchAll(/`([a-z]+:me:[a-z_]+)`/g)].map((m) => m[1]);
    expect(scopes).toEqual([...MY_ACCOUNT_GRANTED_SCOPES]);
  });
});
