import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';

type SiteHeaderProps = {
  user: { name: string | null; email: string | null } | null;
  showAdmin: boolean;
  localTenant: boolean;
};

const link = 'text-[var(--kw-accent)] underline-offset-4 hover:underline';

/** The top bar: product name, the signed-in person, and where they can go. */
export async function SiteHeader({ user, showAdmin, localTenant }: SiteHeaderProps) {
  const t = await getTranslations('header');
  const who = user ? (user.email ?? user.name) : null;
  return (
    <header className="border-b border-[var(--kw-border)] bg-[var(--kw-surface)]">
      {localTenant ? (
        <p className="bg-[var(--kw-surface-2)] px-4 py-1 text-center text-xs text-[var(--kw-muted)]">
          {t('localTenant')}
        </p>
      ) : null}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-[var(--kw-text)]">
          Keyward
        </Link>
        {user ? (
          <nav
            aria-label={t('nav')}
            className="flex flex-1 flex-wrap items-center gap-x-4 gap-y-1 text-sm"
          >
            <Link href="/security" className={link}>
              {t('security')}
            </Link>
            {showAdmin ? (
              <Link href="/admin/signing-keys" className={link}>
                {t('signingKeys')}
              </Link>
            ) : null}
            {/* Which account is being managed matters most on a phone, where it is easiest to
                miss: below 640 px the address takes a line of its own (shortened with an ellipsis
                if it must be, the full address on hover), from 640 px it sits beside Sign out. */}
            {who ? (
              <span
                title={who}
                data-signed-in-as=""
                className="order-last w-full min-w-0 truncate text-[var(--kw-muted)] sm:order-none sm:ml-auto sm:w-auto sm:max-w-xs"
              >
                <span className="sr-only">{t('signedInAs')} </span>
                {who}
              </span>
            ) : null}
            {/* A plain link: nextjs-auth0's logout is a route, not a client action. */}
            <a href="/auth/logout" className={`${link} ${who ? '' : 'ml-auto'} max-sm:ml-auto`}>
              {t('signOut')}
            </a>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
