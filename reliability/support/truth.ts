// What the tenant really holds, read through its own Management API with the M2M client, as an
// operator would check Auth0 itself. Never through Keyward: these reads are the referee.

export type Method = { id: string; type: string; name?: string; key_id?: string };
export type SigningKey = {
  kid: string;
  current?: boolean;
  next?: boolean;
  previous?: boolean;
  revoked?: boolean;
};

export type Truth = {
  methods: (userId: string) => Promise<Method[]>;
  keys: () => Promise<SigningKey[]>;
  /** Rotates directly at the tenant (test setup, not Keyward). */
  rotate: () => Promise<void>;
};

/** A Management API token from the local tenant, by client credentials, as Keyward gets one. */
export async function localM2mToken(tenantUrl: string): Promise<string> {
  const port = new URL(tenantUrl).port;
  const res = await fetch(`http://127.0.0.1:${port}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: 'keyward-local-m2m',
      client_secret: 'keyward-local-m2m-secret',
      audience: `https://127.0.0.1:${port}/api/v2/`,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`token ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function tenantTruth(tenantUrl: string): Truth {
  const port = new URL(tenantUrl).port;
  const origin = `http://127.0.0.1:${port}`;
  let token: string | null = null;
  const fetchToken = () => localM2mToken(tenantUrl);

  /** One Management API call; a refused token (keys were reset or revoked) is fetched again. */
  async function call(method: string, path: string): Promise<unknown> {
    for (let attempt = 0; attempt < 2; attempt++) {
      token ??= await fetchToken();
      const res = await fetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 401) {
        token = null;
        continue;
      }
      if (!res.ok) throw new Error(`truth: ${method} ${path} → ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    }
    throw new Error(`truth: ${method} ${path} → 401 twice`);
  }

  return {
    async methods(userId) {
      const body = await call(
        'GET',
        `/api/v2/users/${encodeURIComponent(userId)}/authentication-methods?per_page=100`,
      );
      if (Array.isArray(body)) return body as Method[];
      return ((body as { authenticators?: Method[] }).authenticators ?? []) as Method[];
    },
    async keys() {
      return (await call('GET', '/api/v2/keys/signing')) as SigningKey[];
    },
    async rotate() {
      await call('POST', '/api/v2/keys/signing/rotate');
    },
  };
}

export const currentKid = (keys: SigningKey[]) => keys.find((k) => k.current)?.kid ?? null;
export const passkeysOf = (methods: Method[]) => methods.filter((m) => m.type === 'passkey');
