// Types for <keyward-security> (https://<your Keyward>/embed.js). Copy this file into your project,
// or reference it: /// <reference path="./keyward-embed.d.ts" />

export type KeywardFactorKind = 'passkey' | 'security-key' | (string & {});

export interface KeywardFactorDetail {
  /** Keyward's id for the sign-in method. */
  id: string;
  name: string;
  kind: KeywardFactorKind;
}

export interface KeywardEventDetails {
  'keyward:ready': { signedIn: boolean };
  'keyward:resize': { height: number };
  'keyward:signed-out': Record<string, never>;
  /** `webauthn_blocked` (no allow= delegation), `cookies_blocked` (no session in frames), … */
  'keyward:error': { code: string; message: string };
  'keyward:factor-added': KeywardFactorDetail;
  'keyward:factor-renamed': KeywardFactorDetail & { previousName: string };
  /** `pending`: Auth0 has not confirmed the removal yet. */
  'keyward:factor-removed': KeywardFactorDetail & { pending: boolean };
  'keyward:session-ended': { id: string; current: boolean };
}

export type KeywardEventMap = {
  [K in keyof KeywardEventDetails]: CustomEvent<KeywardEventDetails[K]>;
};

export interface KeywardTheme {
  /** A colour: #rgb, #rrggbb(aa), rgb()/hsl(). */
  accent?: string;
  /** 0–32px or 0–2rem/em. */
  radius?: string;
  font?: 'system' | 'serif' | 'rounded' | 'mono';
  scheme?: 'light' | 'dark' | 'auto';
}

export interface KeywardSecurityElement extends HTMLElement {
  /** The theme the element sends: its attributes, else its --kw-* custom properties. */
  readonly theme: KeywardTheme;
  /** Sends the theme again, after you change --kw-* custom properties. */
  refreshTheme(): void;
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
