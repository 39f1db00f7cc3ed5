import type { ReactNode } from 'react';

// The frame of all our own line icons: stroked in currentColor so they follow the theme, and
// hidden from assistive technology because the text beside them already names the thing.
export function LineIcon({
  size,
  strokeWidth = 1.75,
  className,
  children,
}: {
  size: 16 | 24;
  strokeWidth?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}
