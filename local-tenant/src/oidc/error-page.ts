import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, pageShell } from '../login/layout';

interface ErrorOut {
  error?: string;
  error_description?: string;
}

/** oidc-provider's HTML error page (bad client, bad redirect_uri, expired interaction, ...). */
export function renderErrorPage(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  const description = out.error_description ?? 'The request could not be completed.';
  ctx.type = 'html';
  ctx.body = pageShell({
    title: 'Something went wrong',
    nonce: undefined,
    body: `<h1>Something went wrong</h1>
<div role="alert" class="error"><p><strong>${escapeHtml(out.error ?? 'error')}</strong>: ${escapeHtml(description)}</p></div>
<p class="note">Go back to the application and try signing in again.</p>`,
  });
}
