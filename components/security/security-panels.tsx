import { ActivityPanel } from '@/components/security/activity-panel';
import { PanelAddFactorControls } from '@/components/security/add-factor-panel-controls';
import { type FactorList, FactorsPanel } from '@/components/security/factors-panel';
import { securityIcons } from '@/components/security/icon-set';
import { IconsProvider } from '@/components/security/icons-context';
import { LoadError } from '@/components/security/load-error';
import { SessionsPanel } from '@/components/security/sessions-panel';
import { SessionsProvider } from '@/components/security/sessions-provider';
import { ApiError } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { runWithContext } from '@/lib/core/request-context';
import type { EmbedSection } from '@/lib/embed/options';
import { getEnv } from '@/lib/env';
import { getFactors } from '@/lib/factors/get-factors';
import type { FactorsView } from '@/lib/factors/types';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { localizeServerText } from '@/lib/i18n/server-text';
import { managementErrorToApiError } from '@/lib/management/errors';
import type { SessionUser } from '@/lib/session';

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

/**
 * The security page's panels, for /security and for the embed page (/embed/security), which
 * differ only in where they come back to after a sign-in and where signing out leads.
 */
export async function SecurityPanels({
  user,
  returnTo,
  signedOutUrl,
  sections,
}: {
  user: SessionUser;
  returnTo: string;
  signedOutUrl?: string;
  /** Only these parts (an embedding host's `sections`); everything by default. */
  sections?: ReadonlySet<EmbedSection>;
}) {
  const show = (section: EmbedSection) => !sections || sections.has(section);
  const lists = new Set(
    (['passkeys', 'security-keys', 'other-methods'] as const).filter((l: FactorList) => show(l)),
  );
  // Add only what is shown: a host that shows passkeys alone offers no security key.
  const kinds = (['passkey', 'security-key'] as const).filter((k) => show(`${k}s`));
  // One Management API call per view: the methods list (identities come with the session). The
  // sessions and the activity are each read by the browser when their section comes into view,
  // one call each, so a view that stays at the top costs Auth0's budget one request (issue 22).
  const result = await load<FactorsView>(user.userId, 'factors', () =>
    getFactors(user.userId, user.account),
  );
  const renderedAt = Date.now();
  // The icons are drawn here, on the server: the cards show them without shipping their code.
  return (
    <IconsProvider icons={securityIcons()}>
      <SessionsProvider
        renderedAt={renderedAt}
        apiBase="/api"
        loginUrl="/auth/login"
        returnTo={returnTo}
        signedOutUrl={signedOutUrl}
      >
        {lists.size === 0 && !show('checkup') ? null : 'view' in result ? (
          <FactorsPanel
            initial={result.view}
            renderedAt={renderedAt}
            apiBase="/api"
            loginUrl="/auth/login"
            returnTo={returnTo}
            policy={getEnv().policy}
            hasEmail={user.email !== null}
            checkup={show('checkup')}
            lists={lists}
            // The add controls (issue 5) read onAdded and apiBase from the panel's context.
            addControls={
              kinds.length > 0 ? <PanelAddFactorControls returnTo={returnTo} kinds={kinds} /> : null
            }
          />
        ) : (
          <LoadError message={result.error} />
        )}
        {show('sessions') ? <SessionsPanel /> : null}
        {show('activity') ? <ActivityPanel apiBase="/api" /> : null}
      </SessionsProvider>
    </IconsProvider>
  );
}
