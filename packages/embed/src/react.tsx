// <KeywardSecurity>: <keyward-security> for React 18 and 19, with typed props and events.
import {
  type CSSProperties,
  createElement,
  type ForwardRefExoticComponent,
  forwardRef,
  type RefAttributes,
  useEffect,
  useImperativeHandle,
  useRef,
} from 'react';
import './embed.js';
import type {
  KeywardEventDetails,
  KeywardSection,
  KeywardSecurityElement,
  KeywardTheme,
} from './embed.js';

export type * from './embed.js';

type Camel<S extends string> = S extends `${infer A}-${infer B}`
  ? `${Capitalize<A>}${Camel<B>}`
  : Capitalize<S>;

/** onReady, onFactorAdded, onError, …: one handler per `keyward:*` event, typed by its detail. */
export type KeywardEventHandlers = {
  [K in keyof KeywardEventDetails as K extends `keyward:${infer N}` ? `on${Camel<N>}` : never]?: (
    event: CustomEvent<KeywardEventDetails[K]>,
  ) => void;
};

export type KeywardSecurityProps = KeywardEventHandlers & {
  /** Your Keyward, e.g. "https://keyward.example.com" (the frame and its checks come from there). */
  src: string;
  /** An email address you know: the sign-in popup starts with it. */
  loginHint?: string;
  /** Only these parts of the page. */
  sections?: readonly KeywardSection[];
  /** The frame's language; by default the browser's. */
  lang?: 'en' | 'de';
  compact?: boolean;
  /** The frame's accessible title. */
  label?: string;
  /** Seconds before `load_timeout` (20 by default). */
  timeout?: number;
  theme?: KeywardTheme;
  className?: string;
  style?: CSSProperties;
};

const EVENTS = [
  'ready',
  'resize',
  'signed-out',
  'error',
  'factor-added',
  'factor-renamed',
  'factor-removed',
  'session-ended',
  'reauth-required',
  'add-cancelled',
  'dialog-open',
  'dialog-close',
];
const handlerName = (type: string) =>
  `on${type.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}`;

export const KeywardSecurity: ForwardRefExoticComponent<
  KeywardSecurityProps & RefAttributes<KeywardSecurityElement>
> = forwardRef<KeywardSecurityElement, KeywardSecurityProps>(function KeywardSecurity(props, ref) {
  const element = useRef<KeywardSecurityElement>(null);
  const latest = useRef(props);
  latest.current = props;
  useImperativeHandle(ref, () => element.current as KeywardSecurityElement, []);

  // One listener per event for the element's life; each calls the handler of the latest render.
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const stops = EVENTS.map((type) => {
      const listener = (event: Event) => {
        const handler = (latest.current as Record<string, unknown>)[handlerName(type)];
        if (typeof handler === 'function') handler(event);
      };
      el.addEventListener(`keyward:${type}`, listener);
      return () => el.removeEventListener(`keyward:${type}`, listener);
    });
    return () => {
      for (const stop of stops) stop();
    };
  }, []);

  const { src, loginHint, sections, lang, compact, label, timeout, theme, className, style } =
    props;
  return createElement('keyward-security', {
    ref: element,
    src,
    'login-hint': loginHint,
    sections: sections?.join(' '),
    lang,
    compact: compact ? '' : undefined,
    label,
    timeout,
    className,
    style,
    ...theme,
  });
});
