import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * No external resources; only this response's own nonce-tagged <style>/<script> run. Forms may
 * post to the tenant and be redirected on to the application (Chrome checks form-action on
 * redirects too).
 */
export function setPageSecurityHeaders(ctx: Context, nonce: string, formTargets: string[]): void {
  ctx.set(
    'content-security-policy',
    [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'self' data:",
      `form-action 'self' ${formTargets.join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  );
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  ctx.set('cache-control', 'no-store');
}

const STYLES = `
:root { color-scheme: light dark; --bg: #f3f4f6; --card: #fff; --text: #1f2937; --muted: #4b5563;
  --border: #9ca3af; --accent: #4f46e5; --accent-text: #fff; --error-bg: #fef2f2; --error: #b91c1c; }
@media (prefers-color-scheme: dark) { :root { --bg: #111827; --card: #1f2937; --text: #f9fafb;
  --muted: #d1d5db; --border: #6b7280; --accent: #818cf8; --accent-text: #111827;
  --error-bg: #450a0a; --error: #fecaca; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: flex-start; justify-content: center;
  background: var(--bg); color: var(--text); font: 16px/1.5 system-ui, -apple-system, sans-serif; }
main { width: 100%; max-width: 400px; margin: 2rem 1rem; padding: 2rem 1.5rem; background: var(--card);
  border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; text-align: center; }
.lead, .note { color: var(--muted); text-align: center; margin: 0 0 1.25rem; }
.note { font-size: .875rem; margin: 1.25rem 0 0; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input { width: 100%; padding: .7rem .75rem; font: inherit; color: inherit; background: transparent;
  border: 1px solid var(--border); border-radius: 6px; }
button { width: 100%; min-height: 44px; margin-top: 1rem; padding: .6rem 1rem; font: inherit;
  font-weight: 600; border-radius: 6px; cursor: pointer; border: 1px solid var(--border);
  background: transparent; color: var(--text); }
button.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
button:disabled { opacity: .6; cursor: progress; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.error:empty { display: none; }
.error { margin: 0 0 1rem; padding: .75rem; border-radius: 6px; background: var(--error-bg);
  color: var(--error); }
.error p { margin: 0; }
.divider { display: flex; align-items: center; gap: .75rem; margin: 1.25rem 0 0; color: var(--muted); }
.divider::before, .divider::after { content: ''; flex: 1; border-top: 1px solid var(--border); }
ul.accounts, ul.inbox { list-style: none; padding: 0; margin: 0; }
main.wide { max-width: 760px; }
ul.inbox li { border-top: 1px solid var(--border); padding: 1rem 0; }
ul.inbox h2 { font-size: 1.1rem; margin: 0; }
.meta { color: var(--muted); font-size: .875rem; margin: .25rem 0 .5rem; }
pre { white-space: pre-wrap; word-break: break-word; font: inherit; margin: 0; }
p.forgot { text-align: right; margin: .5rem 0 0; font-size: .875rem; }
.success { margin: 0 0 1rem; padding: .75rem; border-radius: 6px; border: 1px solid var(--border); }
a { color: var(--accent); }
`;

export interface PageOptions {
  title: string;
  /** When set, the page's <style> and <script> carry it (and the CSP allows only it). */
  nonce: string | undefined;
  body: string;
  script?: string;
  /** A wider card (the inbox). */
  wide?: boolean;
  /** The page's language (page-locale.ts); English by default. */
  lang?: string;
}

export function pageShell({ title, nonce, body, script, wide, lang = 'en' }: PageOptions): string {
  const nonceAttr = nonce ? ` nonce="${nonce}"` : '';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style${nonceAttr}>${STYLES}</style>
</head>
<body>
<main${wide ? ' class="wide"' : ''}>
${body}
</main>
${script && nonce ? `<script${nonceAttr}>${script}</script>` : ''}
</body>
</html>`;
}
