import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { keysVersion, providerKeys } from '../keys/signing-keys';
import type { Tenant } from '../tenant';
import { buildProvider } from './provider';

type Callback = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Holds the Provider built for the current signing keys and rebuilds it when they change
 * (rotate, revoke, reset), so tokens are always signed with the tenant's current key.
 */
export class ProviderHost {
  #version = '';
  #provider: Provider | undefined;
  #callback: Callback | undefined;

  constructor(private readonly tenant: () => Tenant) {}

  current(): Provider {
    const { db } = this.tenant();
    const version = keysVersion(db);
    if (!this.#provider || version !== this.#version) {
      const provider = buildProvider(this.tenant(), providerKeys(db));
      this.#provider = provider;
      this.#callback = provider.callback() as unknown as Callback;
      this.#version = version;
    }
    return this.#provider;
  }

  /** Hands a raw request to the current provider; resolves once it has responded. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.current();
    await this.#callback?.(req, res);
  }
}
