import Link from 'next/link';

// Shown with HTTP 403 when a signed-in person without the admin role opens an /admin page.
export default function AdminForbidden() {
  return (
    <div className="max-w-xl space-y-4 py-8 text-[var(--kw-text)]">
      <h1 className="text-2xl font-semibold">You don’t have access to this page</h1>
      <p className="text-sm text-[var(--kw-muted)]">
        Signing keys are managed by tenant administrators. If you need access, ask an administrator
        of your Auth0 tenant to give you the admin role, then sign in again.
      </p>
      <p>
        <Link
          href="/"
          className="text-sm font-medium text-[var(--kw-accent)] underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--kw-focus)]"
        >
          Back to your security settings
        </Link>
      </p>
    </div>
  );
}
