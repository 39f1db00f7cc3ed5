'use client';

import { createContext, useContext } from 'react';
import type { Factor } from '@/lib/factors/types';
import type { AddedDetails } from './add-factor-controls';

/**
 * What the add controls (rendered in the panel's `addControls` slot, or by the checkup) can do to
 * the list. Scoped to one panel through context, so there is no global state.
 */
export type FactorsActions = {
  /** Shows a newly stored factor at once, highlighted, with its rename form open. */
  onAdded: (factor: Factor, details: AddedDetails) => void;
  /** An add has started: earlier messages and highlights on the page go. */
  onAddStarted: () => void;
  /** Reloads the list from GET {apiBase}/factors. */
  refresh: () => Promise<void>;
  /** The factors currently shown. */
  factors: Factor[];
  apiBase: string;
  loginUrl: string;
  /** False for accounts without a database identity, which Auth0 gives no passkeys. */
  canAddPasskey: boolean;
  /**
   * The checkup is shown and owns the page's one primary action (or says there is nothing to
   * do): the lists' add buttons are then secondary.
   */
  checkupLeads: boolean;
};

export const FactorsActionsContext = createContext<FactorsActions | null>(null);

/** For components inside the security panel, such as the add-passkey controls. */
export function useFactorsActions(): FactorsActions {
  const actions = useContext(FactorsActionsContext);
  if (!actions) throw new Error('useFactorsActions must be used inside <FactorsPanel>');
  return actions;
}
