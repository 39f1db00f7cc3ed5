import { expect, type Locator, type Page } from '@playwright/test';

// The sections below the methods list ("Where you're signed in", "Recent activity") ask Auth0
// for their lists only when they come into view (issue 22). Tests scroll to them as a person
// reading down the page does; the selectors do not depend on the page's language.

export const sessionsRegion = (page: Page) =>
  page.locator('section[aria-labelledby="sessions-heading"]');
export const activityRegion = (page: Page) =>
  page.locator('section[aria-labelledby="activity-heading"]');

// A section may be rendered again while the page scrolls to it (the sessions list arriving
// re-renders the page below it), which detaches the element a scroll was aimed at: aim again.
async function scrollTo(region: Locator) {
  await expect(async () => {
    await region.scrollIntoViewIfNeeded({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

/** Scrolls "Where you're signed in" into view, which loads its list. */
export async function showSessions(page: Page) {
  await scrollTo(sessionsRegion(page));
}

/** Scrolls "Recent activity" into view, which loads its first page. */
export async function showActivity(page: Page) {
  await scrollTo(activityRegion(page));
}
