import type { ReactNode } from 'react';
import type { FactorKind } from '@/lib/factors/types';
import { FactorIcon, LockIcon, ShieldIcon, SocialIcon } from './icons';

export type IconName = FactorKind | 'device-passkey' | 'social' | 'lock' | 'shield';
export type IconSet = Record<IconName, ReactNode>;

/**
 * Every icon the security panels show, drawn by the server and handed to the cards as markup
 * (IconsProvider), so the page's JS carries none of them (issue 22).
 */
export function securityIcons(): IconSet {
  const factor = (kind: FactorKind) => <FactorIcon kind={kind} synced={null} />;
  return {
    passkey: factor('passkey'),
    'device-passkey': <FactorIcon kind="passkey" synced={false} />,
    'security-key': factor('security-key'),
    password: factor('password'),
    totp: factor('totp'),
    phone: factor('phone'),
    email: factor('email'),
    push: factor('push'),
    'recovery-code': factor('recovery-code'),
    social: <SocialIcon />,
    lock: <LockIcon />,
    shield: <ShieldIcon />,
  };
}
