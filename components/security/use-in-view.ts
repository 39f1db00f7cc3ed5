'use client';

import { type RefObject, useEffect, useState } from 'react';

// How far below the fold a section starts loading: a little ahead of the scroll, so it is usually
// there by the time it is seen, without loading sections nobody scrolls to.
const AHEAD = '0px 0px 160px 0px';

/**
 * True once the element has come into (or near) view, and from then on. The sections below the
 * methods list use it to ask Auth0 only when someone looks at them: a view of the page is one
 * Management API call, each section scrolled to one more (issue 22).
 */
export function useSeen(ref: RefObject<Element | null>, force = false): boolean {
  const [seen, setSeen] = useState(force);
  useEffect(() => {
    if (seen) return;
    if (force) return setSeen(true);
    const element = ref.current;
    if (!element) return;
    if (typeof IntersectionObserver === 'undefined') return setSeen(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, seen, force]);
  return seen || force;
}
