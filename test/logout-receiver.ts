import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';

/**
 * Stands in for Keyward's /auth/backchannel-logout at an app URL the local tenant knows: records
 * each logout token it is sent. Used by the tenant's own tests and the contract suite.
 */
export class LogoutReceiver {
  readonly tokens: string[] = [];
  readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/auth/backchannel-logout') {
        const token = new URLSearchParams(body).get('logout_token');
        if (token) this.tokens.push(token);
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end();
      }
    });
  });

  /** Listens on a free loopback port; answers the app URL to give the tenant. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  claims() {
    return this.tokens.map((t) => decodeJwt(t));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
