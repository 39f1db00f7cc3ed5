'use client';

import { useEffect } from 'react';

// "The person just changed something": said by callApi after every successful write to
// Keyward's own API, heard by the parts of the page that show history (the activity section),
// so they refresh without each write knowing about them. One event name on this window only.

const EVENT = 'keyward:account-changed';

export function announceAccountChange(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(EVENT));
}

export function useAccountChanges(onChange: () => void): void {
  useEffect(() => {
    window.addEventListener(EVENT, onChange);
    return () => window.removeEventListener(EVENT, onChange);
  }, [onChange]);
}
