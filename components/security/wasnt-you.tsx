'use client';

import { useId, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, dangerButtonClass, mutedClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import type { ActivityEntry } from '@/lib/activity/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { useSessionsActions } from './sessions-context';

// Rows a person may not recognise as their own doing; sign-outs and failed attempts by others are
// not theirs to undo here.
const ACTIONABLE = new Set([
  'signIn',
  'signInPasskey',
  'methodAdded',
  'methodRenamed',
  'methodChanged',
  'passwordChanged',
  'passwordResetRequested',
]);

/** The method's card on this page, when it is still listed. */
function removeButtonOf(methodId: string): HTMLButtonElement | null {
  const card = [...document.querySelectorAll<HTMLElement>('[data-factor-id]')].find(
    (el) => el.dataset.factorId === methodId,
  );
  return card?.querySelector<HTMLButtonElement>('button[data-action="remove"]') ?? null;
}

/**
 * "Wasn't you?": opens the two things to do, sign out everywhere else (the sessions list's own
 * confirmation) and remove the method the row is about (its card's own confirmation).
 */
export function WasntYou({ entry }: { entry: ActivityEntry }) {
  const t = useTranslations('security.activity.wasntYou');
  const locale = usePageLocale();
  const sessions = useSessionsActions();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  if (!ACTIONABLE.has(entry.kind)) return null;
  const method =
    entry.method?.id && entry.kind !== 'methodRemoved' && entry.method.name
      ? { id: entry.method.id, name: localizeServerText(entry.method.name, locale) }
      : null;
  const removable = open && method !== null && removeButtonOf(method.id) !== null;
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className="self-start text-sm underline underline-offset-2"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('toggle')}
      </button>
      {open ? (
        <div id={panelId} className="flex flex-col gap-2">
          <p className={mutedClass}>{t('advice')}</p>
          <div className="flex flex-wrap gap-2">
            {sessions ? (
              <button type="button" className={buttonClass} onClick={sessions.requestSignOutOthers}>
                {t('signOutEverywhere')}
              </button>
            ) : null}
            {method && removable ? (
              <button
                type="button"
                className={dangerButtonClass}
                onClick={() => {
                  const remove = removeButtonOf(method.id);
                  remove?.scrollIntoView({ block: 'center' });
                  remove?.click();
                }}
              >
                {t('remove', { name: method.name })}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
