import { escapeHtml, pageShell } from './layout';
import type { PageLocale } from './page-locale';
import { PAGE_TEXT } from './page-text';

// Universal Login's reset screens, in the tenant's plain style: ask for the email, "check your
// email" (the same answer whether or not the address has an account), choose a new password. In
// the language page-locale.ts picks.

export function resetRequestPage(
  nonce: string,
  base: string,
  email = '',
  error?: string,
  locale: PageLocale = 'en',
): string {
  const text = PAGE_TEXT[locale];
  return pageShell({
    title: text.forgotTitle,
    nonce,
    lang: locale,
    body: `<h1>${text.forgotTitle}</h1>
<p class="lead">${text.forgotLead}</p>
<div id="error" role="alert" class="error">${error ? `<p>${escapeHtml(error)}</p>` : ''}</div>
<form method="post" action="${base}/reset-password" novalidate>
  <label for="email">${text.email}</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
  <button type="submit" class="primary">${text.continue}</button>
</form>
<p class="note"><a href="${base}">${text.backToSignIn}</a></p>`,
  });
}

export function resetSentPage(
  nonce: string,
  base: string,
  email: string,
  locale: PageLocale = 'en',
): string {
  const text = PAGE_TEXT[locale];
  return pageShell({
    title: text.sentTitle,
    nonce,
    lang: locale,
    body: `<h1>${text.sentTitle}</h1>
<div role="status" class="success"><p>${escapeHtml(text.sent(email))}</p></div>
<p class="note"><a href="${base}">${text.backToSignIn}</a></p>`,
  });
}

export function newPasswordPage(
  nonce: string,
  ticket: string,
  error?: string,
  locale: PageLocale = 'en',
): string {
  const text = PAGE_TEXT[locale];
  return pageShell({
    title: text.newPasswordTitle,
    nonce,
    lang: locale,
    body: `<h1>${text.newPasswordTitle}</h1>
<p class="lead">${text.newPasswordLead}</p>
<div id="error" role="alert" class="error">${error ? `<p>${escapeHtml(error)}</p>` : ''}</div>
<form method="post" action="/u/reset-password" novalidate>
  <input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
  <label for="password">${text.newPassword}</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8">
  <label for="confirm">${text.confirmPassword}</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="8">
  <button type="submit" class="primary">${text.resetPassword}</button>
</form>`,
  });
}

export function resetMailText(link: string, ttlSeconds: number): { text: string; html: string } {
  const hours = Math.round(ttlSeconds / 3600);
  const text = `Someone asked to reset the password of your account.

To choose a new password, open this link (it works once and expires in ${hours} hours):
${link}

If you did not ask for this, ignore this message: your password stays as it is.
`;
  const html = `<p>Someone asked to reset the password of your account.</p>
<p>To choose a new password, open this link (it works once and expires in ${hours} hours):<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>
<p>If you did not ask for this, ignore this message: your password stays as it is.</p>`;
  return { text, html };
}
