'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { FactorKind } from '@/lib/factors/types';
import type { IconName, IconSet } from './icon-set';

const IconsContext = createContext<IconSet | null>(null);

/** The server's drawings of the panels' icons (securityIcons), for the cards below. */
export function IconsProvider({ icons, children }: { icons: IconSet; children: ReactNode }) {
  return <IconsContext.Provider value={icons}>{children}</IconsContext.Provider>;
}

export function useIcon(name: IconName): ReactNode {
  return useContext(IconsContext)?.[name] ?? null;
}

/** Synced and single-device passkeys look different, as issue 4 asks. */
export const factorIconName = (kind: FactorKind, synced: boolean | null): IconName =>
  kind === 'passkey' && synced === false ? 'device-passkey' : kind;
