'use client';

import { dangerButtonClass, mutedClass, primaryButtonClass } from '@/components/ui/styles';
import { SessionCard } from './session-card';
import { useSessionsState } from './sessions-provider';
import { SessionsStatus } from './sessions-status';

/** "Where you're signed in": every session of the account, with a way to end each, or the rest. */
export function SessionsPanel() {
  const { view, loadError, loading, status, statusRef, now, refresh, signOut, signOutOthers } =
    useSessionsState();
  const others = view?.sessions.filter((s) => !s.current).length ?? 0;
  return (
    <section aria-labelledby="sessions-heading" className="mt-2 flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Where you’re signed in
        </h2>
        <p className={mutedClass}>
          Browsers and devices signed in to your account. Sign out of any you don’t recognise.
        </p>
      </div>
      {/* The live region stays mounted but takes no room while empty. */}
      <div>
        <SessionsStatus ref={statusRef} status={status} />
        {view ? (
          <div className="flex flex-col gap-3">
            {view.sessions.length > 0 ? (
              <ul className="flex flex-col gap-3">
                {view.sessions.map((session) => (
                  <SessionCard key={session.id} session={session} now={now} onSignOut={signOut} />
                ))}
              </ul>
            ) : (
              <p className={mutedClass}>Auth0 lists no sessions for your account.</p>
            )}
            {others > 0 ? (
              <div>
                <button type="button" className={dangerButtonClass} onClick={signOutOthers}>
                  Sign out of all other sessions
                </button>
              </div>
            ) : null}
          </div>
        ) : (
          <div
            role="alert"
            className="flex flex-col items-start gap-3 rounded-[var(--kw-radius)] border border-[var(--kw-danger)] bg-[var(--kw-surface)] p-4"
          >
            <p className="text-sm">
              We couldn’t load where you’re signed in. {loadError ?? 'Please try again.'}
            </p>
            <button
              type="button"
              className={primaryButtonClass}
              disabled={loading}
              onClick={() => void refresh()}
            >
              {loading ? 'Trying again…' : 'Try again'}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
