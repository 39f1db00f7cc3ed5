import type { Page } from '@playwright/test';

// The sections below the methods list ("Where you're signed in", "Recent activity") ask Auth0
// for their lists only when they come into view (issue 22). Tests scroll to them as a person
// reading down the page does; the selectors do not depend on the page's language.

export const sessionsRegion = (page: Page) =>
  page.locator('section[aria-labelledby="sessions-heading"]');
export const activityRegion = (page: Page) =>
  page.locator('section[aria-labelledby="activity-heading"]');

/** Scrolls "Where you're signed in" into view, which loads its list. */
export async function showSessions(page: Page) {
  await sessionsRegion(page).scrollIntoViewIfNeeded();
}

/** Scrolls "Recent activity" into view, which loads its first page. */
export async function showActivity(page: Page) {
  await activityRegion(page).scrollIntoViewIfNeeded();
}
