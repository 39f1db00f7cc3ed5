import type { ReactNode } from 'react';
import { LineIcon } from '@/components/line-icon';
import type { FactorKind } from '@/lib/factors/types';

// Our own generic line icons (24 px). No vendor logos: provider names are facts, their marks are not ours.

const Svg = ({ children }: { children: ReactNode }) => <LineIcon size={24}>{children}</LineIcon>;

const KEY = (
  <>
    <circle cx="8" cy="12" r="3.5" />
    <path d="M11.5 12H20v3M17 12v2.5" />
  </>
);

export const SyncedPasskeyIcon = () => (
  <Svg>
    {KEY}
    <path d="M16 4.5a4 4 0 0 1 5 1.5M21 3v3h-3" />
  </Svg>
);

export const DevicePasskeyIcon = () => (
  <Svg>
    <rect x="3" y="3" width="18" height="18" rx="3" />
    <circle cx="9" cy="12" r="2.5" />
    <path d="M11.5 12H17v2" />
  </Svg>
);

export const SecurityKeyIcon = () => (
  <Svg>
    <rect x="7" y="2.5" width="10" height="14" rx="2.5" />
    <circle cx="12" cy="8" r="2" />
    <path d="M9.5 16.5v3a2 2 0 0 0 2 2h1a2 2 0 0 0 2-2v-3" />
  </Svg>
);

export const PasswordIcon = () => (
  <Svg>
    <rect x="2.5" y="7" width="19" height="10" rx="2.5" />
    <path d="M7 12h.01M12 12h.01M17 12h.01" strokeWidth="3" />
  </Svg>
);

export const AuthenticatorAppIcon = () => (
  <Svg>
    <rect x="6" y="2.5" width="12" height="19" rx="2.5" />
    <circle cx="12" cy="11" r="3.5" />
    <path d="M12 9v2l1.2 1" />
  </Svg>
);

export const PhoneIcon = () => (
  <Svg>
    <path d="M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z" />
  </Svg>
);

export const EmailIcon = () => (
  <Svg>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="m3.5 6 8.5 7 8.5-7" />
  </Svg>
);

export const PushIcon = () => (
  <Svg>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </Svg>
);

export const RecoveryCodeIcon = () => (
  <Svg>
    <rect x="4" y="3" width="16" height="18" rx="2" />
    <path d="M8 8h8M8 12h8M8 16h5" />
  </Svg>
);

export const SocialIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
  </Svg>
);

/** The icon for a row: synced and single-device passkeys look different, as issue 4 asks. */
export function FactorIcon({ kind, synced }: { kind: FactorKind; synced: boolean | null }) {
  switch (kind) {
    case 'passkey':
      return synced === false ? <DevicePasskeyIcon /> : <SyncedPasskeyIcon />;
    case 'security-key':
      return <SecurityKeyIcon />;
    case 'password':
      return <PasswordIcon />;
    case 'totp':
      return <AuthenticatorAppIcon />;
    case 'phone':
      return <PhoneIcon />;
    case 'email':
      return <EmailIcon />;
    case 'push':
      return <PushIcon />;
    case 'recovery-code':
      return <RecoveryCodeIcon />;
  }
}

/** 16 px, beside the reason a row can't be removed. */
export const LockIcon = () => (
  <LineIcon size={16} strokeWidth={1.5} className="mt-0.5 shrink-0 text-[var(--kw-muted)]">
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </LineIcon>
);

/** 24 px, the checkup's shield. */
export const ShieldIcon = () => (
  <Svg>
    <path d="M12 3 4.5 6v5.5c0 4.4 3.1 8.2 7.5 9.5 4.4-1.3 7.5-5.1 7.5-9.5V6z" />
    <path d="m9 12 2 2 4-4" />
  </Svg>
);
