import { LineIcon } from '@/components/line-icon';

// Our own 16 px icons; the button text names the action.
type IconProps = { className?: string };

export const CopyIcon = ({ className }: IconProps) => (
  <LineIcon size={16} strokeWidth={1.5} className={className}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H3A1.5 1.5 0 0 0 1.5 3v6A1.5 1.5 0 0 0 3 10.5h.5" />
  </LineIcon>
);

export const CheckIcon = ({ className }: IconProps) => (
  <LineIcon size={16} className={className}>
    <path d="M3 8.5l3 3 7-7" />
  </LineIcon>
);

export const RotateIcon = ({ className }: IconProps) => (
  <LineIcon size={16} strokeWidth={1.5} className={className}>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" />
    <path d="M12.5 1.5v3h-3" />
  </LineIcon>
);

export const KeyOffIcon = ({ className }: IconProps) => (
  <LineIcon size={16} strokeWidth={1.5} className={className}>
    <circle cx="5" cy="8" r="2.75" />
    <path d="M7.75 8H14.5M12 8v2.5" />
    <path d="M2 14L14 2" />
  </LineIcon>
);
