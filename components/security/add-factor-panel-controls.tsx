'use client';

import { AddFactorControls } from './add-factor-controls';
import { useFactorsActions } from './factors-context';

/**
 * The add controls wired to the surrounding <FactorsPanel> (its `addControls` slot): the new key
 * joins the list highlighted, and the buttons are prominent while the user has no passkey.
 * A server page cannot pass `onAdded` itself, so this reads it from the panel's context.
 */
export function PanelAddFactorControls({ returnTo = '/security' }: { returnTo?: string }) {
  const { apiBase, loginUrl, onAdded, factors, canAddPasskey } = useFactorsActions();
  return (
    <AddFactorControls
      apiBase={apiBase}
      loginUrl={loginUrl}
      returnTo={returnTo}
      onAdded={onAdded}
      prominent={canAddPasskey && !factors.some((f) => f.kind === 'passkey')}
      kinds={canAddPasskey ? ['passkey', 'security-key'] : ['security-key']}
    />
  );
}
