'use client';

import { useTranslations } from 'use-intl';
import { usePageLocale } from '@/components/use-page-locale';
import type { ActivityEntry } from '@/lib/activity/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { usePlaceLabel } from './use-place-label';

/**
 * What happened and to what: "Security key “Desk key” renamed to “Office key”", "Signed out of
 * Safari on iOS (Berlin, Germany)", "3 other sessions signed out"; the kind's plain words when
 * neither Auth0 nor Keyward's record says more.
 */
export function useActivityTitle() {
  const t = useTranslations('security.activity');
  const locale = usePageLocale();
  const placeLabel = usePlaceLabel();
  return (entry: ActivityEntry): string => {
    const { method, session } = entry;
    if (
      method &&
      (entry.kind === 'methodAdded' ||
        entry.kind === 'methodRemoved' ||
        entry.kind === 'methodRenamed')
    ) {
      const kind = t(`methodKinds.${method.kind}`);
      const name = method.name ? localizeServerText(method.name, locale) : '';
      const oldName = method.oldName ? localizeServerText(method.oldName, locale) : '';
      if (entry.kind === 'methodRenamed' && name && oldName) {
        return t('rows.methodRenamed', { kind, name, oldName });
      }
      return name
        ? t(`rows.${entry.kind}`, { kind, name })
        : t(`rows.${entry.kind}Unnamed`, { kind });
    }
    if (entry.kind === 'sessionEnded') {
      if (session) {
        const device = session.device
          ? localizeServerText(session.device, locale, { only: ['device'] })
          : t('unknownDevice');
        const where = placeLabel(session.place) ?? session.ip;
        return where
          ? t('rows.sessionEndedAt', { device, where })
          : t('rows.sessionEnded', { device });
      }
      if (entry.count > 1) return t('rows.sessionsEnded', { count: entry.count });
    }
    return t(`kinds.${entry.kind}`);
  };
}
