import { callApi, parseWith } from '@/components/api-client';
import { activityPageSchema } from '@/lib/activity/types';

// The security page's call to /api/activity: one page of recent activity.

export const fetchActivity = (apiBase: string, page: number) =>
  callApi(`${apiBase}/activity?page=${page}`, {}, parseWith(activityPageSchema));
