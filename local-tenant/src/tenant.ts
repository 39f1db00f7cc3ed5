import type { TenantConfig, TenantUrls } from './config';
import type { TenantDb } from './db';
import type { ChallengeStore } from './login/challenges';
import type { ResetThrottle } from './login/reset-throttle';
import type { LoginThrottle } from './login/throttle';
import type { LocalSmtp } from './mail/smtp';
import type { RateLimiter } from './management/rate-limit';
import type { EnrollmentStore } from './my-account/enrollments';
import type { UserReadLimiter } from './my-account/read-limit';
import type { OidcStore } from './oidc/adapter';
import type { ProviderHost } from './oidc/provider-host';
import type { SessionActivityLog } from './sessions/activity';
import type { TenantSettings } from './store/tenant-settings';
import type { TestControls } from './test-controls';

/** Everything a request handler may need, built once per running tenant. */
export interface Tenant {
  config: TenantConfig;
  urls: TenantUrls;
  db: TenantDb;
  oidcStore: OidcStore;
  /** Signs oidc-provider's cookies; random per process since sessions live in memory. */
  cookieKeys: string[];
  providers: ProviderHost;
  /** Device, address and times of each OIDC session (the Management API's session details). */
  sessionActivity: SessionActivityLog;
  throttle: LoginThrottle;
  /** How often "Forgot password?" may mail one account, or mail from one address. */
  resetThrottle: ResetThrottle;
  challenges: ChallengeStore;
  /** The Management API's tenant-wide limit (/api/v2/* only). */
  rateLimiter: RateLimiter;
  /** My Account passkey enrolments waiting for their verify call. */
  enrollments: EnrollmentStore;
  /** The My Account API's per-user read limit. */
  myAccountReads: UserReadLimiter;
  controls: TestControls;
  /** The configuration its Management API shows (clients, grants, APIs, MFA...), in memory. */
  settings: TenantSettings;
  /** The local inbox's SMTP server; null when turned off (LOCAL_TENANT_SMTP_PORT=off). */
  smtp: LocalSmtp | null;
  log: (message: string) => void;
}
