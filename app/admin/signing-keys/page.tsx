import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { SigningKeysPanel } from '@/components/admin/signing-keys-panel';
import { ApiError } from '@/lib/core/errors';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { localizeServerText } from '@/lib/i18n/server-text';
import { managementErrorToApiError } from '@/lib/management/errors';
import { isAdmin, requireUser } from '@/lib/session';
import { listKeys } from '@/lib/signing-keys/actions';
import type { SigningKeyView } from '@/lib/signing-keys/map-keys';

// The root layout's template adds " · Keyward".
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('signingKeys') };
}

const PATH = '/admin/signing-keys';

async function loadKeys(): Promise<{ keys: SigningKeyView[] | null; error: string | null }> {
  try {
    return { keys: await listKeys(), error: null };
  } catch (error) {
    const mapped = error instanceof ApiError ? error : managementErrorToApiError(error);
    return {
      keys: null,
      error: mapped
        ? localizeServerText(mapped.message, await getLocale())
        : (await getTranslations('admin'))('loadError'),
    };
  }
}

export default async function AdminSigningKeysPage() {
  const user = await requireUser(PATH);
  // Renders app/admin/forbidden.tsx with HTTP 403 (needs experimental.authInterrupts).
  if (!isAdmin(user)) forbidden();
  const { keys, error } = await loadKeys();
  const t = await getTranslations('admin');

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-[var(--kw-text)]">{t('title')}</h1>
        <p className="max-w-3xl text-sm text-[var(--kw-muted)]">{t('intro')}</p>
      </header>
      <SigningKeysPanel
        initialKeys={keys}
        loadError={error}
        apiBase="/api/admin/signing-keys"
        loginUrl="/auth/login"
        returnTo={PATH}
      />
    </div>
  );
}
