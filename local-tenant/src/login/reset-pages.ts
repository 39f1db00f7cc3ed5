import { escapeHtml, pageShell } from './layout';

// Universal Login's reset screens, in the tenant's plain style: ask for the email, "check your
// email" (the same answer whether or not the address has an account), choose a new password.

export function resetRequestPage(nonce: string, base: string, email = '', error?: string): string {
  return pageShell({
    title: 'Forgot your password?',
    nonce,
    body: `<h1>Forgot your password?</h1>
<p class="lead">Enter your email address and we will send you instructions to reset your password.</p>
<div id="error" role="alert" class="error">${error ? `<p>${escapeHtml(error)}</p>` : ''}</div>
<form method="post" action="${base}/reset-password" novalidate>
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
  <button type="submit" class="primary">Continue</button>
</form>
<p class="note"><a href="${base}">Back to sign in</a></p>`,
  });
}

export function resetSentPage(nonce: string, base: string, email: string): string {
  return pageShell({
    title: 'Check your email',
    nonce,
    body: `<h1>Check your email</h1>
<div role="status" class="success"><p>If ${escapeHtml(email)} has an account with a password here, we have sent it an email with a link to reset the password. The link works once.</p></div>
<p class="note"><a href="${base}">Back to sign in</a></p>`,
  });
}

export function newPasswordPage(nonce: string, ticket: string, error?: string): string {
  return pageShell({
    title: 'Change your password',
    nonce,
    body: `<h1>Change your password</h1>
<p class="lead">Enter a new password below. It must have at least 8 characters.</p>
<div id="error" role="alert" class="error">${error ? `<p>${escapeHtml(error)}</p>` : ''}</div>
<form method="post" action="/u/reset-password" novalidate>
  <input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8">
  <label for="confirm">Re-enter new password</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="8">
  <button type="submit" class="primary">Reset password</button>
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
