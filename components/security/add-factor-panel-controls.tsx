'use client';

import type { AddKind } from './add-factor-api';
import { AddFactorControls } from './add-factor-controls';
import { useFactorsActions } from './factors-context';

type Props = {
  returnTo?: string;
  /** Only these kinds (the checkup offers passkeys alone); by default what the account allows. */
  kinds?: readonly AddKind[];
  labels?: Partial<Record<AddKind, string>>;
  resumeKey?: string;
  prominent?: boolean;
  /** Show the first button as the page's primary action; by default only without a checkup. */
  primary?: boolean;
};

/**
 * The add controls wired to the surrounding <FactorsPanel> (its `addControls` slot, and the
 * checkup's steps): the new key joins the list highlighted with its rename open, and the buttons
 * are prominent while the user has no passkey. A server page cannot pass `onAdded` itself, so
 * this reads it from the panel's context.
 */
export function PanelAddFactorControls({
  returnTo = '/security',
  kinds,
  labels,
  resumeKey,
  prominent,
  primary,
}: Props) {
  const { apiBase, loginUrl, onAdded, onAddStarted, factors, canAddPasskey, checkupLeads } =
    useFactorsActions();
  const allowed: readonly AddKind[] = canAddPasskey
    ? ['passkey', 'security-key']
    : ['security-key'];
  return (
    <AddFactorControls
      apiBase={apiBase}
      loginUrl={loginUrl}
      returnTo={returnTo}
      onAdded={onAdded}
      onStart={onAddStarted}
      takenNames={factors.map((f) => f.name)}
      prominent={prominent ?? (canAddPasskey && !factors.some((f) => f.kind === 'passkey'))}
      primary={primary ?? !checkupLeads}
      kinds={(kinds ?? allowed).filter((k) => allowed.includes(k))}
      labels={labels}
      resumeKey={resumeKey}
    />
  );
}
