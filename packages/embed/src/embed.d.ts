// Types for <keyward-security> (@keyward/embed, or https://<your Keyward>/embed.js). From the
// package: `import '@keyward/embed'` brings them; for the script tag, copy this file into your
// project or reference it: /// <reference path="./keyward-embed.d.ts" />

export type KeywardFactorKind = 'passkey' | 'security-key' | (string & {});

export interface KeywardFactorDetail {
  /** Keyward's id for the sign-in method. */
  id: string;
  name: string;
  kind: KeywardFactorKind;
}

/**
 * `origin_not_allowed`: this page's origin is not in EMBED_ALLOWED_ORIGINS (nothing is framed);
 * `load_timeout`: the frame did not load in time; `cookies_blocked`: the browser keeps no session
 * in the frame; `webauthn_blocked`: this page's Permissions-Policy keeps WebAuthn from the frame.
 */
export type KeywardErrorCode =
  | 'origin_not_allowed'
  | 'load_timeout'
  | 'cookies_blocked'
  | 'webauthn_blocked'
  | (string & {});

export interface KeywardEventDetails {
  'keyward:ready': { signedIn: boolean };
  'keyward:resize': { height: number };
  'keyward:signed-out': Record<string, never>;
  'keyward:error': { code: KeywardErrorCode; message: string };
  'keyward:factor-added': KeywardFactorDetail;
  'keyward:factor-renamed': KeywardFactorDetail & { previousName: string };
  /** `pending`: Auth0 has not confirmed the removal yet. */
  'keyward:factor-removed': KeywardFactorDetail & { pending: boolean };
  'keyward:session-ended': { id: string; current: boolean };
  /** A change needs a recent sign-in; the frame asks for it (a popup from its button). */
  'keyward:reauth-required': Record<string, never>;
  /** The person cancelled adding a passkey or security key in the browser's prompt. */
  'keyward:add-cancelled': { kind: KeywardFactorKind };
  /** A modal dialog opened in the frame (dim your page if you like) … */
  'keyward:dialog-open': Record<string, never>;
  /** … and the last one closed. */
  'keyward:dialog-close': Record<string, never>;
}

export type KeywardEventMap = {
  [K in keyof KeywardEventDetails]: CustomEvent<KeywardEventDetails[K]>;
};

/** The parts of the page `sections` can list (space- or comma-separated). */
export type KeywardSection =
  | 'passkeys'
  | 'security-keys'
  | 'other-methods'
  | 'sessions'
  | 'activity'
  | 'checkup';

export interface KeywardTheme {
  /** A colour: #rgb, #rrggbb(aa), rgb()/hsl(). */
  accent?: string;
  /** 0–32px or 0–2rem/em. */
  radius?: string;
  font?: 'system' | 'serif' | 'rounded' | 'mono';
  scheme?: 'light' | 'dark' | 'auto';
  /** Colours, as accent. */
  background?: string;
  surface?: string;
  text?: string;
  muted?: string;
  danger?: string;
  /** 12–20px or 0.75–1.25rem/em. */
  'font-size'?: string;
}

export interface KeywardSecurityElement extends HTMLElement {
  /** The theme the element sends: its attributes, else its --kw-* custom properties. */
  readonly theme: KeywardTheme;
  /** Sends the theme again, after you change --kw-* custom properties. */
  refreshTheme(): void;
  /** Loads the frame again. */
  reload(): void;
  /** Opens sign-in in a popup: call it from a click. False when the frame is not signed out. */
  signIn(): boolean;
  /** Signs the person out of Keyward; the frame then shows its sign-in button. */
  signOut(): void;
  addEventListener<K extends keyof KeywardEventMap>(
    type: K,
    listener: (this: KeywardSecurityElement, event: KeywardEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof KeywardEventMap>(
    type: K,
    listener: (this: KeywardSecurityElement, event: KeywardEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'keyward-security': KeywardSecurityElement;
  }
  // The events bubble (and cross shadow roots), so a listener on document hears them too.
  interface DocumentEventMap extends KeywardEventMap {}
}
