import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Who the current request acts for, for code far from the handler (the Management budget). */
export type RequestContext = { userId: string | null };

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
