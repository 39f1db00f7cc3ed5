import type { Protection, ProtectionDrop } from '@/lib/factors/checkup';
import type { FactorKind } from '@/lib/factors/types';
import { identityName } from './identity-card';

// The checkup's sentence and the remove dialog's warning, from the policy's account of what signs
// the person in. Lists read as people say them: "a passkey, your password or Google".

const or = new Intl.ListFormat('en', { type: 'disjunction' });

const SECOND_STEP: Partial<Record<FactorKind, string>> = {
  'security-key': 'a security key',
  totp: 'an authenticator app',
  phone: 'your phone',
  email: 'a code by email',
  push: 'push notifications',
};

/** "2 passkeys, your password or Google"; empty when nothing signs in on its own. */
export function signInWith(p: Protection): string {
  const ways: string[] = [];
  if (p.passkeys === 1) ways.push('a passkey');
  if (p.passkeys > 1) ways.push(`${p.passkeys} passkeys`);
  if (p.password) ways.push('your password');
  for (const name of new Set(p.identities.map(identityName))) ways.push(name);
  return ways.length > 0 ? or.format(ways) : '';
}

function secondSteps(p: Protection): string {
  return or.format(p.secondSteps.map((k) => SECOND_STEP[k] ?? k));
}

/** The checkup's one sentence on how the account is protected. */
export function protectionSentence(p: Protection): string {
  const first = signInWith(p);
  if (!first) return 'This page can’t see a way you sign in to this account.';
  const reset = p.emailReset ? ' A reset link to your email gets you back in.' : '';
  if (p.secondSteps.length === 0) return `You sign in with ${first}.${reset}`;
  return `You sign in with ${first}, with ${secondSteps(p)} as a second step.${reset}`;
}

/** What the remove dialog says before someone removes their last passkey or last second step. */
export function dropWarning(drop: ProtectionDrop): string {
  const first = signInWith(drop.after) || 'no way this page can see';
  if (drop.kind === 'last-passkey') {
    return `This is your last passkey. You will sign in with ${first} only.`;
  }
  return `This is your last second step. You will sign in with ${first} only, with no second step.`;
}
