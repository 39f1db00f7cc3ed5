import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | null;
}

/**
 * In-memory storage for oidc-provider models, owned by one tenant. Every Provider instance the
 * tenant builds (one per signing-key set) shares it, so sessions and interactions in flight
 * survive a key rotation. oidc-provider's own MemoryAdapter is module-global, which would mix
 * tenants started in the same process by tests.
 */
export class OidcStore {
  readonly entries = new Map<string, Entry>();
  readonly grants = new Map<string, Set<string>>();
  readonly uids = new Map<string, string>();
  readonly userCodes = new Map<string, string>();

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  clear(): void {
    this.entries.clear();
    this.grants.clear();
    this.uids.clear();
    this.userCodes.clear();
  }

  adapterFor(name: string): Adapter {
    return new StoreAdapter(this, name);
  }
}

class StoreAdapter implements Adapter {
  constructor(
    private readonly store: OidcStore,
    private readonly name: string,
  ) {}

  #key(id: string): string {
    return `${this.name}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.#key(id);
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
    this.store.entries.set(key, { payload: structuredClone(payload), expiresAt });
    if (payload.grantId) {
      const keys = this.store.grants.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.store.grants.set(payload.grantId, keys);
    }
    if (payload.uid) this.store.uids.set(`${this.name}:${payload.uid}`, id);
    if (payload.userCode) this.store.userCodes.set(`${this.name}:${payload.userCode}`, id);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const payload = this.store.get(this.#key(id));
    return payload ? structuredClone(payload) : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.uids.get(`${this.name}:${uid}`);
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.store.userCodes.get(`${this.name}:${userCode}`);
    return id ? this.find(id) : undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = this.store.entries.get(this.#key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.entries.delete(this.#key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.grants.get(grantId) ?? []) this.store.entries.delete(key);
    this.store.grants.delete(grantId);
  }
}
