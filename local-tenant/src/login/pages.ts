import type { UserRecord } from '../store/users';
import { escapeHtml, pageShell } from './layout';
import { PASSKEY_SCRIPT } from './passkey-script';

export interface LoginPageOptions {
  uid: string;
  nonce: string;
  clientName: string;
  email?: string;
  error?: string;
}

function errorRegion(error: string | undefined): string {
  // Always present so the passkey script can fill it and screen readers announce the change.
  return `<div id="error" role="alert" class="error">${error ? `<p>${escapeHtml(error)}</p>` : ''}</div>`;
}

export function loginPage({ uid, nonce, clientName, email, error }: LoginPageOptions): string {
  const base = `/u/login/${encodeURIComponent(uid)}`;
  return pageShell({
    title: 'Sign in',
    nonce,
    script: PASSKEY_SCRIPT,
    body: `<h1>Welcome</h1>
<p class="lead">Sign in to ${escapeHtml(clientName)} to continue.</p>
${errorRegion(error)}
<form method="post" action="${base}/password" novalidate>
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username webauthn" required value="${escapeHtml(email ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p class="forgot"><a href="${base}/reset-password">Forgot password?</a></p>
  <button type="submit" class="primary">Continue</button>
</form>
<div class="divider">or</div>
<button type="button" id="passkey" data-base="${base}">Continue with a passkey</button>
<form method="get" action="${base}/google">
  <button type="submit">Continue with Google (simulated)</button>
</form>
<p class="note">Local development tenant: it speaks Auth0's protocol but is not Auth0.</p>`,
  });
}

export interface ChooserPageOptions {
  uid: string;
  nonce: string;
  users: UserRecord[];
}

export function googleChooserPage({ uid, nonce, users }: ChooserPageOptions): string {
  const base = `/u/login/${encodeURIComponent(uid)}`;
  const items = users
    .map(
      (user) => `<li><form method="post" action="${base}/google">
  <input type="hidden" name="user_id" value="${escapeHtml(user.user_id)}">
  <button type="submit">${escapeHtml(user.name)} (${escapeHtml(user.email)})</button>
</form></li>`,
    )
    .join('\n');
  return pageShell({
    title: 'Choose an account',
    nonce,
    body: `<h1>Choose an account</h1>
<p class="lead">Simulated Google sign-in: no request leaves this machine.</p>
${errorRegion(undefined)}
<ul class="accounts">
${items || '<li>No Google accounts in this tenant.</li>'}
</ul>
<p class="note"><a href="${base}">Back to sign in</a></p>`,
  });
}

export function messagePage(nonce: string, title: string, message: string): string {
  return pageShell({
    title,
    nonce,
    body: `<h1>${escapeHtml(title)}</h1>
<div role="alert" class="error"><p>${escapeHtml(message)}</p></div>`,
  });
}
