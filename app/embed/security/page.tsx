import type { Metadata } from 'next';
import { EmbedBridge } from '@/components/embed/embed-bridge';
import { SignedOutEmbed } from '@/components/embed/signed-out-embed';
import { SecurityPanels } from '@/components/security/security-panels';
import { allowedHost, EMBED_PAGE } from '@/lib/embed/frame-policy';
import { getEnv } from '@/lib/env';
import { getTranslations } from '@/lib/i18n/server';
import { getSessionUser } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('security') };
}

/**
 * /embed/security?host=<origin>: the security panels for a host page to frame (through
 * <keyward-security>, public/embed.js). No site header; signed out, a sign-in button instead of a
 * redirect. Only a host in EMBED_ALLOWED_ORIGINS may frame it (proxy.ts, frame-ancestors).
 */
export default async function EmbedSecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { host: raw } = await searchParams;
  const host = allowedHost(typeof raw === 'string' ? raw : null, getEnv().embedAllowedOrigins);
  const t = await getTranslations('embed');
  if (!host) {
    return (
      <section className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold">{t('notAllowedHeading')}</h1>
        <p className="text-sm">{t('notAllowedBody')}</p>
      </section>
    );
  }
  const user = await getSessionUser();
  const self = `${EMBED_PAGE}?${new URLSearchParams({ host })}`;
  return (
    <div className="flex flex-col gap-6">
      <EmbedBridge host={host} signedIn={user !== null} />
      {user ? (
        <>
          <h1 className="sr-only">{(await getTranslations('security'))('title')}</h1>
          <SecurityPanels user={user} returnTo={self} signedOutUrl={self} />
        </>
      ) : (
        <SignedOutEmbed host={host} />
      )}
    </div>
  );
}
