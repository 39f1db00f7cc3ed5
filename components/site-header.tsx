import Link from 'next/link';

type SiteHeaderProps = {
  user: { name: string | null; email: string | null } | null;
  showAdmin: boolean;
  localTenant: boolean;
};

/** The top bar: product name, the signed-in person, and where they can go. */
export function SiteHeader({ user, showAdmin, localTenant }: SiteHeaderProps) {
  return (
    <header className="border-b border-[var(--kw-border)] bg-[var(--kw-surface)]">
      {localTenant ? (
        <p className="bg-[var(--kw-surface-2)] px-4 py-1 text-center text-xs text-[var(--kw-muted)]">
          Local tenant: demo data
        </p>
      ) : null}
      <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-[var(--kw-text)]">
          Keyward
        </Link>
        {user ? (
          <nav aria-label="Main" className="flex flex-1 flex-wrap items-center gap-4 text-sm">
            <Link
              href="/security"
              className="text-[var(--kw-accent)] underline-offset-4 hover:underline"
            >
              Security
            </Link>
            {showAdmin ? (
              <Link
                href="/admin/signing-keys"
                className="text-[var(--kw-accent)] underline-offset-4 hover:underline"
              >
                Signing keys
              </Link>
            ) : null}
            {/* The address is context, not navigation; narrow screens keep the links on one line. */}
            <span className="ml-auto hidden text-[var(--kw-muted)] sm:inline">
              {user.email ?? user.name}
            </span>
            {/* A plain link: nextjs-auth0's logout is a route, not a client action. */}
            <a
              href="/auth/logout"
              className="text-[var(--kw-accent)] underline-offset-4 hover:underline"
            >
              Sign out
            </a>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
