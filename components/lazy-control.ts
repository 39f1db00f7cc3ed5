'use client';

import { type ComponentType, type LazyExoticComponent, lazy, useEffect } from 'react';

export type LazyControl<P> = LazyExoticComponent<ComponentType<P>> & { preload: () => void };

/**
 * A control whose code loads where it is used: when it first renders (a dialog opening, a rename
 * form, a section scrolled to), not with the page. `preload()` fetches it early, once the page is
 * idle, so a keyboard user who opens it at once does not wait on the network; it is never on the
 * page's first load or in its hydration.
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

/** Preloads controls once the page is idle, after hydration. */
export function usePreload(...controls: { preload: () => void }[]): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, after the first render.
  useEffect(() => {
    const run = () => {
      for (const control of controls) control.preload();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(run, 200);
    return () => clearTimeout(timer);
  }, []);
}
