'use client';

import { useTranslations } from 'use-intl';
import { mutedClass } from '@/components/ui/styles';
import { PLACE_ATTRIBUTION_TEXT, PLACE_ATTRIBUTION_URL } from '@/lib/geo/types';

/** The credit DB-IP Lite's licence (CC BY 4.0) asks for where its places are shown. */
export function PlaceAttribution({ section }: { section: 'activity' | 'sessions' }) {
  const t = useTranslations(`security.${section}`);
  return (
    <p className={`${mutedClass} text-xs`}>
      {t('attribution')}{' '}
      <a href={PLACE_ATTRIBUTION_URL} className="underline" target="_blank" rel="noreferrer">
        {PLACE_ATTRIBUTION_TEXT}
      </a>
    </p>
  );
}
