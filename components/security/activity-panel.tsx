'use client';

import { Suspense, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { lazyControl } from '@/components/lazy-control';
import { ActivityFrame } from './activity-frame';
import { SectionLoading } from './section-loading';
import { useSeen } from './use-in-view';

// The rows, their places and "Show more" load with the log, when the section is seen.
const ActivityFeed = lazyControl(async () => (await import('./activity-feed')).ActivityFeed);

/**
 * "Recent activity": read by the browser once the section comes into view, so the page never
 * waits for Auth0's logs and a view that does not reach it costs no call, nor the rows' code.
 */
export function ActivityPanel({ apiBase }: { apiBase: string }) {
  const t = useTranslations('security.activity');
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  const loading = (
    <ActivityFrame sectionRef={section} live={t('loading')}>
      <SectionLoading text={t('loading')} />
    </ActivityFrame>
  );
  if (!seen) return loading;
  return (
    <Suspense fallback={loading}>
      <ActivityFeed apiBase={apiBase} />
    </Suspense>
  );
}
