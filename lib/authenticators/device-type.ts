import { UAParser } from 'ua-parser-js';

// Desktop, phone or tablet, from a raw User-Agent or Auth0's summary of one ("Safari 17.4 /
// iOS 17.4", which names no device: the system says enough).

export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const SUMMARY_OS = / \/ ([A-Za-z][\w .-]*?)(?: v?\d[\w.]*)?$/;

export function deviceType(userAgent: string | null | undefined): DeviceType | null {
  const ua = userAgent?.trim().slice(0, 512);
  if (!ua) return null;
  const summaryOs = SUMMARY_OS.exec(ua)?.[1];
  if (summaryOs && !ua.includes('Mozilla/')) {
    if (summaryOs === 'iPadOS') return 'tablet';
    return summaryOs === 'iOS' || summaryOs === 'Android' ? 'mobile' : 'desktop';
  }
  const { device, os } = UAParser(ua);
  if (device.type === 'mobile' || device.type === 'tablet') return device.type;
  return os.name ? 'desktop' : null;
}
