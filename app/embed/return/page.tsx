import type { Metadata } from 'next';
import { ReturnToFrame } from '@/components/embed/return-to-frame';
import { allowedHost } from '@/lib/embed/frame-policy';
import { getEnv } from '@/lib/env';
import { getTranslations } from '@/lib/i18n/server';
import { requireUser } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('embed'))('returnTitle') };
}

/**
 * The sign-in popup's last page (top level, signed in): it asks for a one-time code and posts it
 * to the frame that opened the popup, then closes (lib/embed/handoff.ts).
 */
export default async function EmbedReturnPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const challenge = typeof params.challenge === 'string' ? params.challenge : '';
  const rawHost = typeof params.host === 'string' ? params.host : null;
  const host = allowedHost(rawHost, getEnv().embedAllowedOrigins);
  await requireUser(`/embed/return?${new URLSearchParams({ challenge, host: rawHost ?? '' })}`);
  const t = await getTranslations('embed');
  return (
    <section className="flex flex-col gap-2">
      <h1 className="text-lg font-semibold">{t('returnTitle')}</h1>
      {host && /^[A-Za-z0-9_-]{43}$/.test(challenge) ? (
        <ReturnToFrame host={host} challenge={challenge} />
      ) : (
        <p role="alert">{t('returnFailed')}</p>
      )}
    </section>
  );
}
