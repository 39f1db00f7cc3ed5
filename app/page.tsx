import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { getSessionUser } from '@/lib/session';

export default async function HomePage() {
  const user = await getSessionUser();
  const t = await getTranslations('home');
  if (!user) {
    return (
      <section aria-labelledby="welcome" className="mx-auto max-w-md py-12 text-center">
        <h1 id="welcome" className="text-3xl font-semibold">
          {t('welcomeTitle')}
        </h1>
        <p className="mt-4 text-[var(--kw-muted)]">{t('welcomeBody')}</p>
        <a
          href="/auth/login"
          className="mt-8 inline-block rounded-[var(--kw-radius)] bg-[var(--kw-accent)] px-5 py-2.5 font-medium text-[var(--kw-accent-text)]"
        >
          {t('signIn')}
        </a>
      </section>
    );
  }
  return (
    <section aria-labelledby="hello" className="mx-auto max-w-md py-12">
      <h1 id="hello" className="text-2xl font-semibold">
        {t('signedInAs', { name: user.name ?? user.email ?? '' })}
      </h1>
      {user.email ? <p className="mt-2 text-[var(--kw-muted)]">{user.email}</p> : null}
      <ul className="mt-8 space-y-3">
        <li>
          <Link href="/security" className="text-[var(--kw-accent)] underline underline-offset-4">
            {t('manage')}
          </Link>
        </li>
        <li>
          <a href="/auth/logout" className="text-[var(--kw-accent)] underline underline-offset-4">
            {t('signOut')}
          </a>
        </li>
      </ul>
    </section>
  );
}
