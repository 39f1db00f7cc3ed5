import type { UserRecord } from '../store/users';
import { escapeHtml, pageShell } from './layout';
import type { PageLocale } from './page-locale';
import { PAGE_TEXT } from './page-text';
import { PASSKEY_SCRIPT } from './passkey-script';

export interface LoginPageOptions {
  uid: string;
  nonce: string;
  /** The application's name, or null for the words "the application" in the page's language. */
  clientName: string | null;
  email?: string;
  error?: string;
  locale?: PageLocale;
}

function errorRegion(error: string | undefined): string {
  // Always present so the passkey script can fill it and screen readers announce the change.
  return `<div id="error" role="alert" class="error">${error ? `<p>${escapeHtml(error)}</p>` : ''}</div>`;
}

export function loginPage({
  uid,
  nonce,
  clientName,
  email,
  error,
  locale = 'en',
}: LoginPageOptions): string {
  const base = `/u/login/${encodeURIComponent(uid)}`;
  const text = PAGE_TEXT[locale];
  return pageShell({
    title: text.signInTitle,
    nonce,
    lang: locale,
    script: PASSKEY_SCRIPT,
    body: `<h1>${text.welcome}</h1>
<p class="lead">${escapeHtml(text.signInLead(clientName ?? text.theApplication))}</p>
${errorRegion(error)}
<form method="post" action="${base}/password" novalidate>
  <label for="email">${text.email}</label>
  <input id="email" name="email" type="email" autocomplete="username webauthn" required value="${escapeHtml(email ?? '')}">
  <label for="password">${text.password}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p class="forgot"><a href="${base}/reset-password">${text.forgot}</a></p>
  <button type="submit" class="primary">${text.continue}</button>
</form>
<div class="divider">${text.or}</div>
<button type="button" id="passkey" data-base="${base}" data-text="${escapeHtml(JSON.stringify(text.passkeyText))}">${text.passkey}</button>
<form method="get" action="${base}/google">
  <button type="submit">${text.google}</button>
</form>
<p class="note">${escapeHtml(text.localNote)}</p>`,
  });
}

export interface ChooserPageOptions {
  uid: string;
  nonce: string;
  users: UserRecord[];
  locale?: PageLocale;
}

export function googleChooserPage({
  uid,
  nonce,
  users,
  locale = 'en',
}: ChooserPageOptions): string {
  const text = PAGE_TEXT[locale];
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
    title: text.chooseTitle,
    nonce,
    lang: locale,
    body: `<h1>${text.chooseTitle}</h1>
<p class="lead">${text.chooseLead}</p>
${errorRegion(undefined)}
<ul class="accounts">
${items || `<li>${text.noGoogle}</li>`}
</ul>
<p class="note"><a href="${base}">${text.backToSignIn}</a></p>`,
  });
}

export interface MessagePageOptions {
  locale?: PageLocale;
  /** A way on: where the person goes from here, and the link's words. */
  link?: { href: string; label: string };
  /** A success (role="status") rather than a problem (role="alert"). */
  ok?: boolean;
}

export function messagePage(
  nonce: string,
  title: string,
  message: string,
  { locale = 'en', link, ok = false }: MessagePageOptions = {},
): string {
  const region = ok ? 'role="status" class="success"' : 'role="alert" class="error"';
  return pageShell({
    title,
    nonce,
    lang: locale,
    body: `<h1>${escapeHtml(title)}</h1>
<div ${region}><p>${escapeHtml(message)}</p></div>${
      link
        ? `\n<p class="note"><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`
        : ''
    }`,
  });
}
