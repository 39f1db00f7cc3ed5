'use client';

import { type ReactNode, useId } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, cardClass, mutedClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import { type Checkup, primaryStep, type Suggestion } from '@/lib/factors/checkup';
import type { Factor } from '@/lib/factors/types';
import { PanelAddFactorControls } from './add-factor-panel-controls';
import { useIcon } from './icons-context';
import { protectionSentence } from './protection-text';
import { shortDate } from './relative-time';

type Props = {
  checkup: Checkup;
  factors: Factor[];
  returnTo: string;
  /** Opens the remove confirmation for a passkey the checkup asks about. */
  onReview: (factor: Factor) => void;
};

// Each step's re-authentication round trip comes back to the checkup's own controls.
const RESUME_KEY = 'checkup';

function Step({
  suggestion,
  primary,
  factors,
  returnTo,
  onReview,
}: { suggestion: Suggestion; primary: boolean } & Omit<Props, 'checkup'>) {
  const textId = useId();
  const t = useTranslations('security.checkup');
  const locale = usePageLocale();
  const add = (label: string) => (
    <PanelAddFactorControls
      returnTo={returnTo}
      kinds={['passkey']}
      labels={{ passkey: label }}
      resumeKey={RESUME_KEY}
      prominent={false}
      primary={primary}
    />
  );

  let title: string;
  let text: string;
  let action: ReactNode;
  switch (suggestion.id) {
    case 'add-first-passkey':
      title = t('addFirst.title');
      text = t('addFirst.text');
      action = add(t('addFirst.button'));
      break;
    case 'add-passkey-not-only-security-key':
      title = t('notOnlySecurityKey.title');
      text = t('notOnlySecurityKey.text');
      action = add(t('notOnlySecurityKey.button'));
      break;
    case 'add-backup-passkey': {
      const only = factors.find((f) => f.id === suggestion.factorId);
      title = t('backup.title');
      text = t(only?.synced === false ? 'backup.deviceBound' : 'backup.onlyWay', {
        name: suggestion.name,
      });
      action = add(t('backup.button'));
      break;
    }
    case 'add-passkey-password-fallback':
      title = t('passwordFallback.title');
      text = t('passwordFallback.text');
      action = add(t('passwordFallback.button'));
      break;
    case 'stale-passkey': {
      const factor = factors.find((f) => f.id === suggestion.factorId);
      const date = shortDate(suggestion.since, locale);
      title = t('stale.title', { name: suggestion.name });
      text = `${
        suggestion.lastUsedAt ? t('stale.unusedSince', { date }) : t('stale.neverUsed', { date })
      } ${t('stale.advice')}`;
      action = factor ? (
        <button
          type="button"
          className={buttonClass}
          aria-describedby={textId}
          onClick={() => onReview(factor)}
        >
          {t('stale.button')}
        </button>
      ) : null;
      break;
    }
  }

  return (
    <li className="flex flex-col gap-2 border-t border-[var(--kw-border)] pt-3">
      <h3 className="font-medium">{title}</h3>
      <p id={textId} className={mutedClass}>
        {text}
      </p>
      {action ? <div>{action}</div> : null}
    </li>
  );
}

/**
 * The top of /security: one sentence on how the account is protected, then at most two next
 * steps, each with its button. The facts come from the lockout rule's own definitions
 * (lib/factors/checkup.ts), so the checkup and the Remove buttons never disagree.
 */
export function SecurityCheckup({ checkup, factors, returnTo, onReview }: Props) {
  const t = useTranslations('security');
  const locale = usePageLocale();
  const primary = primaryStep(checkup);
  const shield = useIcon('shield');
  return (
    <section
      aria-labelledby="checkup-heading"
      data-checkup=""
      className={`${cardClass} flex flex-col gap-3`}
    >
      <div className="flex items-start gap-3">
        <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">{shield}</span>
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id="checkup-heading" className="text-lg font-semibold">
            {t('checkup.title')}
          </h2>
          <p data-checkup-summary="">{protectionSentence(checkup.protection, t, locale)}</p>
          {checkup.suggestions.length === 0 ? (
            <p className={mutedClass}>{t('checkup.nothingToDo')}</p>
          ) : null}
        </div>
      </div>
      {checkup.suggestions.length > 0 ? (
        <ul className="flex flex-col gap-3 sm:pl-9" aria-label={t('checkup.nextSteps')}>
          {checkup.suggestions.map((s) => (
            <Step
              key={s.id}
              suggestion={s}
              primary={s.id === primary}
              factors={factors}
              returnTo={returnTo}
              onReview={onReview}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
