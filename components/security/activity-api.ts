import { callApi } from '@/components/api-client';
import { isActivityPage } from '@/lib/activity/types';
import { readWith } from '@/lib/shapes/check';

// The security page's call to /api/activity: one page of recent activity.

export const fetchActivity = (apiBase: string, page: number) =>
  callApi(`${apiBase}/activity?page=${page}`, {}, readWith(isActivityPage));
