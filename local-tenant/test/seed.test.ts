import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSeeded, openDatabase } from '../src/db';
import { listSigningKeys } from '../src/keys/signing-keys';
import { DEMO_USERS, seedDatabase } from '../src/seed';
import { getUser } from '../src/store/users';
import { startTestTenant } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('seed', () => {
  it('re-seeds a database from an older seed at start, keeping its signing keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-tenant-'));
    dirs.push(dir);
    const dbPath = join(dir, 'tenant.sqlite');
    const db = openDatabase(dbPath);
    await seedDatabase(db);
    const kids = listSigningKeys(db).map((k) => k.kid);
    // As a version-1 database: no dana, no seed_version.
    db.prepare('DELETE FROM users WHERE user_id = ?').run(DEMO_USERS.dana.user_id);
    db.prepare("DELETE FROM meta WHERE key = 'seed_version'").run();
    expect(isSeeded(db)).toBe(false);
    db.close();

    const tenant = await startTestTenant({ dbPath });
    await tenant.close();
    const reopened = openDatabase(dbPath);
    try {
      expect(isSeeded(reopened)).toBe(true);
      expect(getUser(reopened, DEMO_USERS.dana.user_id)?.identities).toHaveLength(2);
      expect(listSigningKeys(reopened).map((k) => k.kid)).toEqual(kids);
    } finally {
      reopened.close();
    }
  });
});
