import type { Metadata } from 'next';
import { ActivityPanel } from '@/components/security/activity-panel';
import { PanelAddFactorControls } from '@/components/security/add-factor-panel-controls';
import { FactorsPanel } from '@/components/security/factors-panel';
import { LoadError } from '@/components/security/load-error';
import { SessionsPanel } from '@/components/security/sessions-panel';
import { SessionsProvider } from '@/components/security/sessions-provider';
import { getEnv } from '@/lib/env';
import { getFactors } from '@/lib/factors/get-factors';
import type { FactorsView } from '@/lib/factors/types';
import { ApiError } from '@/lib/http/errors';
import { log } from '@/lib/http/log';
import { runWithContext } from '@/lib/http/request-context';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { localizeServerText } from '@/lib/i18n/server-text';
import { managementErrorToApiError } from '@/lib/management/errors';
import { requireUser } from '@/lib/session';
import { currentSessionSid } from '@/lib/sessions/current';
import { getSessions } from '@/lib/sessions/get-sessions';
import type { SessionsView } from '@/lib/sessions/types';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('security') };
}

// Auth0 being down or rate-limited is expected now and then, so the page answers it with its own
// error panel and a retry rather than the error boundary; the message never carries internals.
async function load<T>(
  userId: string,
  what: string,
  read: () => Promise<T>,
): Promise<{ view: T } | { error: string }> {
  try {
    // The Management budget counts this user's share, as it does for the API routes.
    return { view: await runWithContext({ userId }, read) };
  } catch (error) {
    const mapped = error instanceof ApiError ? error : managementErrorToApiError(error);
    log(mapped ? 'warn' : 'error', 'security_page_load_failed', {
      what,
      error: error instanceof Error ? error.name : typeof error,
      status: mapped?.status ?? null,
    });
    const locale = await getLocale();
    if (mapped && mapped.status !== 404)
      return { error: localizeServerText(mapped.message, locale) };
    return { error: (await getTranslations('common'))('genericError') };
  }
}

export default async function SecurityPage() {
  const user = await requireUser('/security');
  const t = await getTranslations('security');
  // Both lists at once; each fails on its own, with its own way to try again.
  const [result, sessions] = await Promise.all([
    load<FactorsView>(user.userId, 'factors', () => getFactors(user.userId)),
    load<SessionsView>(user.userId, 'sessions', async () =>
      getSessions(user.userId, await currentSessionSid()),
    ),
  ]);
  const renderedAt = Date.now();
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-[var(--kw-muted)]">{t('intro')}</p>
      </header>
      <SessionsProvider
        initial={'view' in sessions ? sessions.view : null}
        loadError={'error' in sessions ? sessions.error : null}
        renderedAt={renderedAt}
        apiBase="/api"
        loginUrl="/auth/login"
        returnTo="/security"
      >
        {'view' in result ? (
          <FactorsPanel
            initial={result.view}
            renderedAt={renderedAt}
            apiBase="/api"
            loginUrl="/auth/login"
            returnTo="/security"
            policy={getEnv().policy}
            hasEmail={user.email !== null}
            // The add controls (issue 5) read onAdded and apiBase from the panel's context.
            addControls={<PanelAddFactorControls returnTo="/security" />}
          />
        ) : (
          <LoadError message={result.error} />
        )}
        <SessionsPanel />
      </SessionsProvider>
      {/* Fetched by the browser after this page is shown: Auth0's logs never delay the lists. */}
      <ActivityPanel apiBase="/api" />
    </div>
  );
}
