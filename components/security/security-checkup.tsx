'use client';

import { type ReactNode, useId } from 'react';
import { buttonClass, cardClass, mutedClass } from '@/components/ui/styles';
import type { Checkup, Suggestion } from '@/lib/factors/checkup';
import type { Factor } from '@/lib/factors/types';
import { PanelAddFactorControls } from './add-factor-panel-controls';
import { ShieldIcon } from './icons';
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
  factors,
  returnTo,
  onReview,
}: { suggestion: Suggestion } & Omit<Props, 'checkup'>) {
  const textId = useId();
  const add = (label: string) => (
    <PanelAddFactorControls
      returnTo={returnTo}
      kinds={['passkey']}
      labels={{ passkey: label }}
      resumeKey={RESUME_KEY}
      prominent={false}
    />
  );

  let title: string;
  let text: string;
  let action: ReactNode;
  switch (suggestion.id) {
    case 'add-first-passkey':
      title = 'Add a passkey';
      text =
        'Sign in with your fingerprint, face or screen lock instead of a password. Passkeys can’t be guessed, phished or leaked.';
      action = add('Set up a passkey');
      break;
    case 'add-passkey-not-only-security-key':
      title = 'Add a passkey';
      text =
        'Your security key only confirms a sign-in that starts with your password. A passkey signs you in on its own, and can’t be phished.';
      action = add('Set up a passkey');
      break;
    case 'add-backup-passkey': {
      const only = factors.find((f) => f.id === suggestion.factorId);
      title = 'Add a backup passkey';
      text =
        only?.synced === false
          ? `“${suggestion.name}” is your only passkey, and it lives on one device. Add another on a second device or in a password manager, so losing it doesn’t lock you out.`
          : `“${suggestion.name}” is the only way you can sign in. Add another passkey on a second device, so losing it doesn’t lock you out.`;
      action = add('Add a backup passkey');
      break;
    }
    case 'add-passkey-password-fallback':
      title = 'Don’t fall back on your password alone';
      text =
        'If you lose your only passkey, your password is your one way back in. Add a second passkey on another device or in another password manager.';
      action = add('Add a second passkey');
      break;
    case 'stale-passkey': {
      const factor = factors.find((f) => f.id === suggestion.factorId);
      title = `Still have “${suggestion.name}”?`;
      text = `${
        suggestion.lastUsedAt
          ? `It hasn’t been used since ${shortDate(suggestion.since)}.`
          : `It was added on ${shortDate(suggestion.since)} and has never been used.`
      } If you no longer have it, remove it so nobody else can use it.`;
      action = factor ? (
        <button
          type="button"
          className={buttonClass}
          aria-describedby={textId}
          onClick={() => onReview(factor)}
        >
          Remove it
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
  return (
    <section
      aria-labelledby="checkup-heading"
      data-checkup=""
      className={`${cardClass} flex flex-col gap-3`}
    >
      <div className="flex items-start gap-3">
        <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">
          <ShieldIcon />
        </span>
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id="checkup-heading" className="text-lg font-semibold">
            Security checkup
          </h2>
          <p data-checkup-summary="">{protectionSentence(checkup.protection)}</p>
          {checkup.suggestions.length === 0 ? (
            <p className={mutedClass}>Nothing to do right now.</p>
          ) : null}
        </div>
      </div>
      {checkup.suggestions.length > 0 ? (
        <ul className="flex flex-col gap-3 sm:pl-9" aria-label="Next steps">
          {checkup.suggestions.map((s) => (
            <Step
              key={s.id}
              suggestion={s}
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
