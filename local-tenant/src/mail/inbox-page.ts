import { escapeHtml, pageShell } from '../login/layout';
import type { InboxMessage } from './inbox';

// The inbox as a page: newest first, each mail's plain text with its links made clickable.
// The HTML part is not rendered (no mail's markup runs on the tenant's origin).

const LINK = /(https?:\/\/[^\s<>"]+)/g;

function linkify(text: string): string {
  return escapeHtml(text).replace(LINK, (url) => `<a href="${url}">${url}</a>`);
}

export function inboxPage(nonce: string, messages: InboxMessage[], smtpPort: number): string {
  const items = messages
    .map(
      (m) => `<li>
<article aria-labelledby="mail-${m.id}">
<h2 id="mail-${m.id}">${escapeHtml(m.subject || '(no subject)')}</h2>
<p class="meta">To ${escapeHtml(m.to.join(', '))} · from ${escapeHtml(m.from)} · <time datetime="${escapeHtml(m.receivedAt)}">${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))} UTC</time></p>
<pre>${linkify(m.text)}</pre>
</article>
</li>`,
    )
    .join('\n');
  return pageShell({
    title: 'Local inbox',
    nonce,
    wide: true,
    body: `<h1>Local inbox</h1>
<p class="lead">Mail sent to the local tenant's SMTP server (127.0.0.1:${smtpPort}), newest first. Nothing here leaves this machine.</p>
${messages.length === 0 ? '<p class="note">No mail yet.</p>' : `<ul class="inbox">\n${items}\n</ul>`}
<p class="note"><a href="/_local/inbox.json">JSON</a></p>`,
  });
}
