'use client';

import type { ReactNode, RefObject } from 'react';
import { useTranslations } from 'use-intl';
import { mutedClass } from '@/components/ui/styles';

/** The "Recent activity" section around its rows, the same before and after they load. */
export function ActivityFrame({
  sectionRef,
  notOnPlan = false,
  live,
  children,
}: {
  sectionRef?: RefObject<HTMLElement | null>;
  notOnPlan?: boolean;
  /** What the polite live region says: "Loading…", or how many rows "Show more" added. */
  live: string;
  children: ReactNode;
}) {
  const t = useTranslations('security.activity');
  return (
    <section
      ref={sectionRef}
      aria-labelledby="activity-heading"
      className="mt-2 flex flex-col gap-3"
    >
      <div className="flex flex-col gap-1">
        <h2 id="activity-heading" className="text-xl font-semibold">
          {t('title')}
        </h2>
        {/* A plan without user logs: one plain sentence instead of the list or an error. */}
        <p className={mutedClass}>{notOnPlan ? t('notOnPlan') : t('intro')}</p>
      </div>
      {/* A polite live region, not a second role="status": the page keeps one status message. */}
      <p aria-live="polite" className="sr-only">
        {live}
      </p>
      {children}
    </section>
  );
}
