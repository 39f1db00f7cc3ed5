import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostServer } from './embed-host';
import { exitWith, runWithLocalTenant, StartupError } from './with-local-tenant';

// npm run demo:embed – Keyward (with its local tenant, as `npm run dev`) on http://localhost:3000,
// and a host page on http://127.0.0.1:4500 (another site) that embeds <keyward-security>, themes
// it and logs its events. The host page runs what a team installs: embed.js from the tarball
// `npm pack` makes of packages/embed, served by the host itself, with `src` naming Keyward.
// EMBED_DEMO_PORT moves the host page; Keyward's own ports move as in dev.

const hostPort = Number(process.env.EMBED_DEMO_PORT ?? 4500);
const host = `http://127.0.0.1:${hostPort}`;
const keyward = process.env.APP_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
process.env.EMBED_ALLOWED_ORIGINS = [process.env.EMBED_ALLOWED_ORIGINS, host]
  .filter(Boolean)
  .join(' ');

/** Packs @keyward/embed (its prepack builds dist/) and returns the tarball's dist/embed.js. */
function packedEmbedScript(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-embed-demo-'));
  try {
    // npm runs scripts from the repo's root, as the other paths here assume.
    const pkg = join('packages', 'embed');
    const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], {
      cwd: pkg,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tarball = join(dir, out.trim().split('\n').at(-1) ?? '');
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    return readFileSync(join(dir, 'package', 'dist', 'embed.js'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let script: string | null = null;
  // The port first: a busy one is reported before anything is built or started.
  await startHostServer(hostPort, '127.0.0.1', keyward, () => script).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new StartupError(
        `Embed demo: port ${hostPort} on 127.0.0.1 is in use, so the host page can't start there. Nothing was started.\nStop what is using it, or pick another port: EMBED_DEMO_PORT=4501 npm run demo:embed`,
      );
    },
  );
  script = packedEmbedScript();
  console.log(`Embed demo: host page ${host} (embed.js from npm pack) frames ${keyward}`);
  await runWithLocalTenant('dev');
}

main().catch(exitWith);
