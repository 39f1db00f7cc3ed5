import type { Metadata } from 'next';
import { PanelAddFactorControls } from '@/components/security/add-factor-panel-controls';
import { FactorsPanel } from '@/components/security/factors-panel';
import { LoadError } from '@/components/security/load-error';
import { getEnv } from '@/lib/env';
import { getFactors } from '@/lib/factors/get-factors';
import type { FactorsView } from '@/lib/factors/types';
import { ApiError } from '@/lib/http/errors';
import { log } from '@/lib/http/log';
import { runWithContext } from '@/lib/http/request-context';
import { managementErrorToApiError } from '@/lib/management/errors';
import { requireUser } from '@/lib/session';

export const metadata: Metadata = { title: 'Security' };

const GENERIC = 'Something went wrong on our side. Please try again in a moment.';

// Auth0 being down or rate-limited is expected now and then, so the page answers it with its own
// error panel and a retry rather than the error boundary; the message never carries internals.
async function load(userId: string): Promise<{ view: FactorsView } | { error: string }> {
  try {
    // The Management budget counts this user's share, as it does for the API routes.
    return { view: await runWithContext({ userId }, () => getFactors(userId)) };
  } catch (error) {
    const mapped = error instanceof ApiError ? error : managementErrorToApiError(error);
    log(mapped ? 'warn' : 'error', 'security_page_load_failed', {
      error: error instanceof Error ? error.name : typeof error,
      status: mapped?.status ?? null,
    });
    return { error: mapped && mapped.status !== 404 ? mapped.message : GENERIC };
  }
}

export default async function SecurityPage() {
  const user = await requireUser('/security');
  const result = await load(user.userId);
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Security</h1>
        <p className="text-[var(--kw-muted)]">
          Your passkeys, security keys and the other ways you can sign in.
        </p>
      </header>
      {'view' in result ? (
        <FactorsPanel
          initial={result.view}
          renderedAt={Date.now()}
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
    </div>
  );
}
