import { createTranslator } from 'use-intl/core';
import { formatPlace } from '@/lib/geo/format-place';
import { FORMAT_LOCALE } from '@/lib/i18n/config';
import { MESSAGES } from '@/lib/i18n/messages';
import { localizeServerText } from '@/lib/i18n/server-text';
import type { Mail, Notification } from './types';

// Writes one notification as a mail, plain text and HTML, in the language of the request that
// made the change. Pure: the outbox calls it when it sends, so a mail waiting out an SMTP outage
// still says when the change happened, not when it was finally sent.

const ADMIN_KINDS = new Set(['signing_key_rotated', 'signing_key_revoked']);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "23 November 2026, 22:54 UTC" (en) / "23. November 2026, 22:54 UTC" (de). */
export function formatWhen(iso: string, locale: Notification['locale']): string {
  const text = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${text} UTC`;
}

export function composeMail(n: Notification, appBaseUrl: string): Mail {
  const t = createTranslator({ locale: n.locale, messages: MESSAGES[n.locale], namespace: 'mail' });
  const admin = ADMIN_KINDS.has(n.kind);
  const link = `${appBaseUrl}${admin ? '/admin/signing-keys' : '/security'}`;
  const unknown = t('unknown');
  const device = n.device ? localizeServerText(n.device, n.locale, { only: ['device'] }) : unknown;
  const ended = n.details.session;
  const endedPlace = formatPlace(ended?.place, n.locale, {
    thisComputer: t('thisComputer'),
    thisNetwork: t('thisNetwork'),
  });
  const session = ended?.device
    ? localizeServerText(ended.device, n.locale, { only: ['device'] })
    : unknown;
  const subject = t(`subject.${n.kind}`, { session });
  const what = t(`what.${n.kind}`, {
    session,
    where: [endedPlace, ended?.ip].filter(Boolean).join(', ') || unknown,
    name: n.details.name ? localizeServerText(n.details.name, n.locale) : unknown,
    oldName: n.details.oldName ? localizeServerText(n.details.oldName, n.locale) : unknown,
    count: n.details.count ?? 0,
    kid: n.details.kid ?? unknown,
  });
  const facts = [
    t('when', { time: formatWhen(n.at, n.locale) }),
    t('device', { device }),
    t('ip', { ip: n.ip ?? unknown }),
  ];
  const notYou = t(admin ? 'notYouAdmin' : 'notYou');
  const footer = t('footer');

  const text = [what, '', ...facts, '', notYou, link, '', footer, ''].join('\n');
  const html = `<!doctype html>
<html lang="${n.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
<p>${escapeHtml(what)}</p>
<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<p>${escapeHtml(notYou)} <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>
<p style="color:#555;font-size:0.9em">${escapeHtml(footer)}</p>
</body></html>
`;
  const host = new URL(appBaseUrl).hostname;
  return {
    to: n.to,
    subject: subject,
    text,
    html,
    // Fixed per notification: a receiver can drop a copy SMTP delivered twice.
    messageId: `<${n.id}@${host}>`,
  };
}
