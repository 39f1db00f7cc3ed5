import type { Metadata } from 'next';
import { EmbedBridge } from '@/components/embed/embed-bridge';
import { SignedOutEmbed } from '@/components/embed/signed-out-embed';
import { SwitchAccount } from '@/components/embed/switch-account';
import { SecurityPanels } from '@/components/security/security-panels';
import { allowedHost, EMBED_PAGE } from '@/lib/embed/frame-policy';
import { embedQuery, parseEmbedOptions } from '@/lib/embed/options';
import { getEnv } from '@/lib/env';
import { getTranslations } from '@/lib/i18n/server';
import { getSessionUser } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('security') };
}

/**
 * /embed/security?host=<origin>[&lang&login_hint&sections&compact]: the security panels for a
 * host page to frame (through <keyward-security>, public/embed.js). No site header; signed out, a
 * sign-in button instead of a redirect. Only a host in EMBED_ALLOWED_ORIGINS may frame it
 * (proxy.ts, frame-ancestors); `lang` reaches the page through proxy.ts as its Accept-Language.
 */
export default async function EmbedSecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = params.host;
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
  const options = parseEmbedOptions(params);
  const user = await getSessionUser();
  const self = `${EMBED_PAGE}?${embedQuery(host, options)}`;
  // The host expects someone else: say so, and offer to sign in as them (the panels stay, since
  // the person signed in may well be the one at the keyboard).
  const hint = options.loginHint;
  const otherPerson =
    user !== null && hint !== null && user.email?.toLowerCase() !== hint.toLowerCase();
  return (
    <div className={`flex flex-col gap-6${options.compact ? ' kw-compact' : ''}`}>
      <EmbedBridge host={host} signedIn={user !== null} loginHint={hint} />
      {user ? (
        <>
          {otherPerson ? (
            <SwitchAccount host={host} email={user.email ?? ''} loginHint={hint} returnTo={self} />
          ) : null}
          <h1 className="sr-only">{(await getTranslations('security'))('title')}</h1>
          <SecurityPanels
            user={user}
            returnTo={self}
            signedOutUrl={self}
            sections={options.sections}
          />
        </>
      ) : (
        <SignedOutEmbed host={host} loginHint={hint} />
      )}
    </div>
  );
}
