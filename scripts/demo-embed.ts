import { startHostServer } from './embed-host';
import { exitWith, runWithLocalTenant } from './with-local-tenant';

// npm run demo:embed – Keyward (with its local tenant, as `npm run dev`) on http://localhost:3000,
// and a host page on http://127.0.0.1:4500 (another site) that embeds <keyward-security>, themes
// it and logs its events. EMBED_DEMO_PORT moves the host page; Keyward's own ports move as in dev.

const hostPort = Number(process.env.EMBED_DEMO_PORT ?? 4500);
const host = `http://127.0.0.1:${hostPort}`;
const keyward = process.env.APP_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
process.env.EMBED_ALLOWED_ORIGINS = [process.env.EMBED_ALLOWED_ORIGINS, host]
  .filter(Boolean)
  .join(' ');

startHostServer(hostPort, '127.0.0.1', keyward)
  .then(() => {
    console.log(`Embed demo: host page ${host} frames ${keyward}/embed/security`);
    return runWithLocalTenant('dev');
  })
  .catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') return exitWith(error);
    console.error(
      `Embed demo: port ${hostPort} on 127.0.0.1 is in use. Stop what is using it, or set EMBED_DEMO_PORT to another port.`,
    );
    process.exit(1);
  });
