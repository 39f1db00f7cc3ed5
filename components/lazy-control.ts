'use client';

import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export type LazyControl<P> = LazyExoticComponent<ComponentType<P>> & { preload: () => void };

/**
 * A part whose code loads where it is used, when it first renders (a section scrolled to, a code
 * shown once), not with the page. `preload()` starts the load early, e.g. beside the data the part
 * will show. Only for parts nobody types into the moment they appear: keys pressed before the
 * code arrives would be lost, so dialogs and forms stay in the page's own code.
 */
export function lazyControl<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyControl<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const get = () => {
    loading ??= load().then((component) => ({ default: component }));
    return loading;
  };
  return Object.assign(lazy(get), {
    preload: () => {
      // A failed load (offline, a new deploy) is retried on use, where React shows the error.
      get().catch(() => {
        loading = null;
      });
    },
  });
}
