import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetReported, refreshRefusalReason, reportConfig } from './config-hints';

afterEach(() => {
  forgetReported();
  vi.restoreAllMocks();
});

describe('config hints', () => {
  it('names the setting in the log once per reason, however often Auth0 refuses', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    reportConfig('my_account_refresh');
    reportConfig('my_account_refresh');
    reportConfig('my_account_refresh');
    expect(error).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(error.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ event: 'tenant_misconfigured', reason: 'my_account_refresh' });
    expect(line.hint).toContain('refresh_token.policies');
    reportConfig('my_account_2fa');
    expect(error).toHaveBeenCalledTimes(2);
  });

  it('sends people to sign in again only when that can help', () => {
    expect(refreshRefusalReason('invalid_grant')).toBeNull();
    expect(refreshRefusalReason(undefined)).toBeNull();
    expect(refreshRefusalReason('access_denied')).toBe('my_account_refresh');
    expect(refreshRefusalReason('unauthorized_client')).toBe('my_account_refresh');
    expect(refreshRefusalReason('unmet_authentication_requirements')).toBe('my_account_2fa');
  });
});
