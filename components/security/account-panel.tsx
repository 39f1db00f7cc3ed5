'use client';

import { Suspense, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { lazyControl } from '@/components/lazy-control';
import { buttonClass, cardClass, mutedClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import { SECOND_FACTOR } from '@/lib/factors/policy';
import type { Factor } from '@/lib/factors/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { regenerateRecoveryCodeRequest, startPasswordChangeRequest } from './account-api';
import { buildReauthUrl, startReauth, takeResumeMarker } from './reauth';

// Shown once, after a new code was made: it loads then.
const RecoveryCodeOnce = lazyControl(
  async () => (await import('./recovery-code-once')).RecoveryCodeOnce,
);

const RESUME_PASSWORD = 'account:password';
const RESUME_RECOVERY = 'account:recovery';

type Props = {
  factors: Factor[];
  apiBase: string;
  loginUrl: string;
  returnTo: string;
  /** Asks the factors panel to read the list again (the recovery-code method changed). */
  onChanged: () => void;
};

/**
 * "Password and recovery": Change password (a password-change ticket at Auth0, after a fresh
 * sign-in) and the recovery code (Auth0's `recovery-code` method: whether one exists, and a new
 * one shown once). Both need a recent sign-in; the server says when, and the page comes back here
 * with a `resume` marker and finishes what was asked.
 */
export function AccountPanel({ factors, apiBase, loginUrl, returnTo, onChanged }: Props) {
  const t = useTranslations('security.account');
  const locale = usePageLocale();
  const hasPassword = factors.some((f) => f.kind === 'password');
  const hasRecoveryCode = factors.some((f) => f.kind === 'recovery-code');
  // Auth0 makes recovery codes for MFA enrolments only (404 "Enrollment not found" otherwise).
  const hasSecondStep = factors.some((f) => SECOND_FACTOR.has(f.kind));
  const [busy, setBusy] = useState<'password' | 'recovery' | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [code, setCode] = useState<string | null>(null);

  // `resumed`: just back from signing in again. Asked again then (a page that took longer than
  // REAUTH_MAX_AGE to come back), the person sees why instead of going round in a loop.
  const changePassword = async (resumed = false) => {
    setBusy('password');
    setMessage(null);
    const result = await startPasswordChangeRequest(apiBase);
    if (result.ok) return window.location.assign(result.data);
    setBusy(null);
    if (result.code === 'reauth_required' && !resumed)
      return startReauth(buildReauthUrl(loginUrl, returnTo, RESUME_PASSWORD));
    setMessage({ tone: 'error', text: localizeServerText(result.message, locale) });
  };

  const generate = async (resumed = false) => {
    setBusy('recovery');
    setMessage(null);
    const result = await regenerateRecoveryCodeRequest(apiBase);
    setBusy(null);
    if (result.ok) {
      setCode(result.data);
      onChanged();
      return;
    }
    if (result.code === 'reauth_required' && !resumed)
      return startReauth(buildReauthUrl(loginUrl, returnTo, RESUME_RECOVERY));
    setMessage({ tone: 'error', text: localizeServerText(result.message, locale) });
  };

  // Back from re-authentication, or from Auth0's password page (`?password=changed`).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on arrival.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get('password') === 'changed') {
      url.searchParams.delete('password');
      window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
      setMessage({ tone: 'info', text: t('changed') });
    }
    const resume = url.searchParams.get('resume');
    if (resume !== RESUME_PASSWORD && resume !== RESUME_RECOVERY) return;
    takeResumeMarker();
    void (resume === RESUME_PASSWORD ? changePassword(true) : generate(true));
  }, []);

  return (
    <section aria-labelledby="account-heading" className="flex flex-col gap-3">
      <h2 id="account-heading" className="text-xl font-semibold">
        {t('heading')}
      </h2>
      <p role="status" className={message?.tone === 'error' ? 'text-[var(--kw-danger)]' : ''}>
        {message?.text ?? ''}
      </p>
      {hasPassword ? (
        <article className={`${cardClass} flex flex-col gap-2`}>
          <h3 className="font-medium">{t('passwordTitle')}</h3>
          <p className={mutedClass}>{t('passwordIntro')}</p>
          <div>
            <button
              type="button"
              className={buttonClass}
              disabled={busy !== null}
              onClick={() => void changePassword()}
            >
              {busy === 'password' ? t('changing') : t('change')}
            </button>
          </div>
        </article>
      ) : null}
      <article className={`${cardClass} flex flex-col gap-2`} aria-labelledby="recovery-heading">
        <h3 id="recovery-heading" className="font-medium">
          {t('recoveryTitle')}
        </h3>
        <p className={mutedClass}>{t('recoveryIntro')}</p>
        <p>{hasRecoveryCode ? t('recoveryExists') : t('recoveryNone')}</p>
        {code !== null ? (
          <Suspense fallback={null}>
            <RecoveryCodeOnce
              code={code}
              onDone={() => {
                setCode(null);
                setMessage({ tone: 'info', text: t('hidden') });
              }}
            />
          </Suspense>
        ) : !hasSecondStep && !hasRecoveryCode ? (
          <p className={mutedClass}>{t('recoveryNeedsSecondStep')}</p>
        ) : (
          <div className="flex flex-col gap-1">
            {hasRecoveryCode ? <p className={mutedClass}>{t('regenerateNote')}</p> : null}
            <div>
              <button
                type="button"
                // Secondary: the checkup's step is the page's one primary action.
                className={buttonClass}
                disabled={busy !== null}
                onClick={() => void generate()}
              >
                {busy === 'recovery'
                  ? t('generating')
                  : hasRecoveryCode
                    ? t('regenerate')
                    : t('generate')}
              </button>
            </div>
          </div>
        )}
      </article>
    </section>
  );
}
