import { createServer, type Server } from 'node:http';

// A host page on another origin that embeds <keyward-security>: the demo (npm run demo:embed) and
// the embed e2e tests serve it. Query parameters shape the page, so one server covers every case:
//   accent, radius, font, …        attributes on the element (TOKENS below)
//   css-accent                     --kw-accent set in the host's stylesheet instead
//   child                          a URL framed beside the element (another origin's page)
//   raw-host                       no element: a bare iframe that claims to be this host
// /child posts forged messages to its parent and to every frame of its parent.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Theme tokens and the other attributes of <keyward-security> (packages/embed/src/embed.d.ts).
const TOKENS = [
  'accent',
  'radius',
  'font',
  'scheme',
  'background',
  'surface',
  'text',
  'muted',
  'danger',
  'font-size',
  'lang',
  'login-hint',
  'sections',
  'compact',
  'timeout',
  'src',
];

const LOG_SCRIPT = `
window.keywardEvents = [];
window.rawMessages = [];
addEventListener('message', (e) => window.rawMessages.push({ origin: e.origin, data: e.data }));
const log = document.getElementById('log');
for (const t of ['ready','resize','signed-out','error','factor-added','factor-renamed','factor-removed','session-ended','reauth-required','add-cancelled','dialog-open','dialog-close']) {
  document.addEventListener('keyward:' + t, (e) => {
    window.keywardEvents.push({ type: e.type, detail: e.detail });
    const li = document.createElement('li');
    li.textContent = e.type + ' ' + JSON.stringify(e.detail);
    log.prepend(li);
  });
}`;

/**
 * The host page. `packaged`: the page loads embed.js from its own origin (the npm package's file,
 * as a team's bundle would) and names Keyward with `src`; otherwise it loads Keyward's /embed.js.
 */
export function hostPage(keyward: string, query: URLSearchParams, packaged = false): string {
  const attrs = [
    ...(packaged ? [` src="${escapeHtml(keyward)}"`] : []),
    ...TOKENS.filter((t) => query.has(t) && !(packaged && t === 'src')).map(
      (t) => ` ${t}="${escapeHtml(query.get(t) ?? '')}"`,
    ),
  ].join('');
  const cssAccent = query.get('css-accent');
  const child = query.get('child');
  const rawHost = query.get('raw-host');
  const embed = rawHost
    ? `<iframe title="Keyward" style="width:100%;height:400px;border:0" src="${escapeHtml(`${keyward}/embed/security?host=${encodeURIComponent(rawHost)}`)}"></iframe>`
    : `<keyward-security${attrs}></keyward-security>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme Projects · Account</title>
<script type="module" src="${packaged ? '/embed.js' : `${escapeHtml(keyward)}/embed.js`}"></script>
<style>
body{margin:0;font-family:system-ui,sans-serif;background:#f4f1ea;color:#222}
header{background:#1d3b2a;color:#fff;padding:12px 16px;font-weight:600}
main{max-width:960px;margin:0 auto;padding:16px}
keyward-security{border:1px solid #d8d2c4;border-radius:12px;overflow:hidden;background:#fff}
${cssAccent ? `keyward-security{--kw-accent:${escapeHtml(cssAccent)}}` : ''}
#log{font:12px ui-monospace,monospace;max-height:200px;overflow:auto;background:#fff;padding:8px 8px 8px 28px}
</style></head>
<body><header>Acme Projects</header><main>
<h1>Account security</h1>
${embed}
${rawHost ? '' : controls(query)}
${child ? `<iframe title="Another site" style="width:100%;height:40px;border:0" src="${escapeHtml(child)}"></iframe>` : ''}
<h2>Events from Keyward</h2><ol id="log"></ol>
</main>
<script>${LOG_SCRIPT}</script>
</body></html>`;
}

// Theme controls, so the demo shows tokens crossing the frame as you change them.
function controls(query: URLSearchParams): string {
  const select = (name: string, options: string[]) =>
    `<label>${name[0]?.toUpperCase()}${name.slice(1)} <select name="${name}">${options
      .map((o) => `<option${query.get(name) === o ? ' selected' : ''}>${o}</option>`)
      .join('')}</select></label>`;
  const accent = /^#[0-9a-f]{6}$/i.test(query.get('accent') ?? '')
    ? query.get('accent')
    : '#2f54d4';
  return `<form id="theme" style="display:flex;gap:12px;flex-wrap:wrap;margin:12px 0">
<label>Accent <input type="color" name="accent" value="${accent}"></label>
${select('radius', ['12px', '6px', '0px', '24px'])}
${select('font', ['system', 'serif', 'rounded', 'mono'])}
${select('scheme', ['auto', 'light', 'dark'])}
</form>
<script>
document.getElementById('theme').addEventListener('input', (e) => {
  document.querySelector('keyward-security').setAttribute(e.target.name, e.target.value);
});
</script>`;
}

const CHILD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other site</title></head><body>
<button id="forge">Forge messages</button>
<script>
document.getElementById('forge').addEventListener('click', () => {
  parent.postMessage({ protocol: 'keyward/1', type: 'factor-added', detail: { id: 'forged', name: 'Forged', kind: 'passkey' } }, '*');
  for (let i = 0; i < parent.frames.length; i++) {
    parent.frames[i].postMessage({ protocol: 'keyward/1', type: 'theme', theme: { accent: '#ff0000' } }, '*');
  }
});
</script></body></html>`;

/**
 * Serves the host page on `port`, embedding `keyward`: bound to `hostname` when it is an address
 * (127.0.0.1), on every interface for "localhost" (which browsers try as ::1 and 127.0.0.1).
 * With `embedScript`, the page's own /embed.js is what it returns (null: not ready yet).
 * Rejects when the port is taken.
 */
export function startHostServer(
  port: number,
  hostname: string,
  keyward: string,
  embedScript?: () => string | null,
): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${hostname}`);
    if (embedScript && url.pathname === '/embed.js') {
      const script = embedScript();
      if (script === null) res.writeHead(503).end('embed.js is being packed; reload in a moment');
      else
        res
          .writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
          .end(script);
      return;
    }
    const html =
      url.pathname === '/child'
        ? CHILD_PAGE
        : hostPage(keyward, url.searchParams, embedScript !== undefined);
    if (url.pathname !== '/' && url.pathname !== '/child') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname === 'localhost' ? undefined : hostname, () => resolve(server));
  });
}
