'use client';

import { useTranslations } from 'use-intl';
import { usePageLocale } from '@/components/use-page-locale';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import type { ActiveSession } from '@/lib/sessions/types';

/**
 * "Chrome on macOS" in the page's language, or the catalogue's words for an unknown device
 * (`unknown`: 'unknownDevice' as a heading, 'anUnknownDevice' inside a sentence).
 */
export function useDeviceLabel() {
  const t = useTranslations('security.sessions');
  const locale = usePageLocale();
  return (
    session: ActiveSession,
    unknown: 'unknownDevice' | 'anUnknownDevice' = 'anUnknownDevice',
  ) =>
    session.device ? localizeServerText(session.device, locale, { only: ['device'] }) : t(unknown);
}
