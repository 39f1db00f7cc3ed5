'use client';

import { useTranslations } from 'use-intl';
import { usePageLocale } from '@/components/use-page-locale';
import { formatPlace } from '@/lib/geo/format-place';
import type { Place } from '@/lib/geo/types';

/** "Berlin, Germany" / "Berlin, Deutschland", "this computer", "this network", or null. */
export function usePlaceLabel() {
  const t = useTranslations('place');
  const locale = usePageLocale();
  return (place: Place | null | undefined) =>
    formatPlace(place, locale, { thisComputer: t('thisComputer'), thisNetwork: t('thisNetwork') });
}
