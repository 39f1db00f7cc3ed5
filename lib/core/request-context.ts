import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from '@/lib/i18n/config';
import { processShared } from './registry';

/** Who made a change and from where: what a notification mail tells the person. */
export type Actor = {
  email: string | null;
  locale: Locale;
  userAgent: string | null;
  ip: string | null;
  requestId: string;
};

/** Who the current request acts for, for code far from the handler (the Management budget, mail). */
export type RequestContext = { userId: string | null; actor?: Actor };

// One storage per process: a context set by one bundle's wrapper must be read by the budget or
// the outbox of whichever bundle made them.
const storage = () =>
  processShared('request-context', () => new AsyncLocalStorage<RequestContext>());

export function runWithContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage().run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage().getStore();
}
