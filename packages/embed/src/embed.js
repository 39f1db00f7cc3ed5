// <keyward-security>: Keyward's security page in a host page. No dependencies. Load it from the
// Keyward it should show (<script type="module" src="https://keyward.example/embed.js">), or from
// the npm package (@keyward/embed) with a `src` attribute naming that Keyward.
// Types: embed.d.ts. Protocol: lib/embed/messages.ts (this file keeps its own small copy).

const PROTOCOL = 'keyward/1';
const SCRIPT = new URL(import.meta.url).origin;
const TOKENS = [
  'accent',
  'radius',
  'font',
  'scheme',
  'background',
  'surface',
  'text',
  'muted',
  'danger',
  'font-size',
];
// The frame's title and the fallback link, in the element's language.
const WORDS = {
  en: [
    'Keyward: sign-in and security settings',
    'Open your sign-in and security settings in a new tab',
  ],
  de: [
    'Keyward: Anmelde- und Sicherheitseinstellungen',
    'Anmelde- und Sicherheitseinstellungen in einem neuen Tab öffnen',
  ],
};
// What the team should set, per error: one console warning each.
const FIX = {
  origin_not_allowed: (o, h) => `add ${h} to EMBED_ALLOWED_ORIGINS on ${o}`,
  load_timeout: (o) => `${o} did not answer; check that it is up and reachable from this page`,
  cookies_blocked: (o) =>
    `this browser keeps no cookies in the frame; serve ${o} over https or from this page's site`,
  webauthn_blocked: (o) =>
    `this page's Permissions-Policy must allow publickey-credentials-create and publickey-credentials-get for ${o}`,
};
const str = (v) => typeof v === 'string';
const yes = () => true;
const factor = (d) => str(d.id) && str(d.name) && str(d.kind);
// What each message's detail must look like; anything else from the frame is dropped.
const DETAILS = {
  ready: (d) => typeof d.signedIn === 'boolean',
  resize: (d) => Number.isFinite(d.height) && d.height >= 0 && d.height < 1e5,
  'signed-out': yes,
  error: (d) => str(d.code) && str(d.message),
  'factor-added': factor,
  'factor-renamed': (d) => factor(d) && str(d.previousName),
  'factor-removed': (d) => factor(d) && typeof d.pending === 'boolean',
  'session-ended': (d) => str(d.id) && typeof d.current === 'boolean',
  'reauth-required': yes,
  'add-cancelled': (d) => str(d.kind),
  'dialog-open': yes,
  'dialog-close': yes,
  // Not events: for the console, and for signIn().
  'theme-invalid': (d) => Array.isArray(d.tokens) && d.tokens.every(str),
  'sign-in-url': (d) => str(d.url),
};

class KeywardSecurity extends HTMLElement {
  static observedAttributes = [
    ...TOKENS,
    'src',
    'lang',
    'login-hint',
    'sections',
    'compact',
    'label',
  ];

  /** Keyward's origin: the `src` attribute's, else this script's. */
  get origin() {
    try {
      return new URL(this.getAttribute('src') || SCRIPT).origin;
    } catch {
      return SCRIPT;
    }
  }

  get words() {
    const lang = (l) => (Object.hasOwn(WORDS, l) ? l : '');
    return WORDS[lang(this.lang) || lang(navigator.language.slice(0, 2)) || 'en'];
  }

  connectedCallback() {
    if (this.on) return;
    this.on = (event) => this.receive(event);
    addEventListener('message', this.on);
    // Which part of the frame is on screen, for the frame to centre its dialogs in.
    this.onView = () => {
      cancelAnimationFrame(this.viewFrame);
      this.viewFrame = requestAnimationFrame(() => this.sendViewport());
    };
    addEventListener('scroll', this.onView, { passive: true, capture: true });
    addEventListener('resize', this.onView, { passive: true });
    this.load();
  }

  disconnectedCallback() {
    removeEventListener('message', this.on);
    removeEventListener('scroll', this.onView, { capture: true });
    removeEventListener('resize', this.onView);
    this.on = null;
    this.clear();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.frame || old === value) return;
    if (TOKENS.includes(name)) this.refreshTheme();
    else if (name === 'label') this.frame.title = value || this.words[0];
    else this.reload();
  }

  clear() {
    clearTimeout(this.timer);
    this.frame = null;
    this.signInUrl = null;
    (this.shadowRoot || this.attachShadow({ mode: 'open' })).innerHTML =
      '<style>:host{display:block}iframe{display:block;width:100%;height:320px;border:0}a{display:block;padding:1rem;color:inherit}</style>';
  }

  /** Asks Keyward whether this page may embed it, then frames it (or says why not). */
  async load() {
    this.run = (this.run || 0) + 1;
    const run = this.run;
    this.clear();
    const origin = this.origin;
    const host = location.origin;
    let allowed;
    try {
      const res = await fetch(`${origin}/embed/check?host=${encodeURIComponent(host)}`);
      allowed = (await res.json()).allowed;
    } catch {
      // Unreachable, or an older Keyward: the load timeout below reports a frame that never loads.
    }
    if (run !== this.run || !this.on) return;
    if (allowed === false) {
      return this.fail(
        'origin_not_allowed',
        `${host} is not in EMBED_ALLOWED_ORIGINS of ${origin}.`,
      );
    }
    const query = new URLSearchParams({ host });
    if (Object.hasOwn(WORDS, this.lang)) query.set('lang', this.lang);
    for (const [name, param] of [
      ['login-hint', 'login_hint'],
      ['sections', 'sections'],
    ]) {
      const value = this.getAttribute(name);
      if (value) query.set(param, value);
    }
    if (this.hasAttribute('compact')) query.set('compact', '1');
    const frame = document.createElement('iframe');
    frame.src = `${origin}/embed/security?${query}`;
    frame.title = this.getAttribute('label') || this.words[0];
    // WebAuthn in a cross-origin frame needs the host's delegation (and Keyward's own policy).
    frame.allow = `publickey-credentials-create ${origin}; publickey-credentials-get ${origin}`;
    this.frame = frame;
    this.shadowRoot.append(frame);
    const seconds = Number(this.getAttribute('timeout')) || 20;
    this.timer = setTimeout(
      () => this.fail('load_timeout', `${origin} did not load within ${seconds} s.`),
      seconds * 1000,
    );
  }

  /** Reports an error once as an event, warns once per code, and offers Keyward in a new tab. */
  fail(code, message, fromFrame) {
    this.warned ||= new Set();
    if (Object.hasOwn(FIX, code) && !this.warned.has(code)) {
      this.warned.add(code);
      console.warn(`<keyward-security> ${code}: ${FIX[code](this.origin, location.origin)}.`);
    }
    // Nothing usable in the frame (yet): offer the way on beside it. A late `ready` removes it.
    if (!fromFrame && !this.shadowRoot.querySelector('a')) {
      const link = document.createElement('a');
      link.href = `${this.origin}/security`;
      link.target = '_blank';
      link.rel = 'noopener';
      link.setAttribute('part', 'fallback');
      link.textContent = this.words[1];
      this.shadowRoot.append(link);
    }
    this.emit('error', { code, message });
  }

  emit(type, detail) {
    this.dispatchEvent(
      new CustomEvent(`keyward:${type}`, { detail, bubbles: true, composed: true }),
    );
  }

  post(message) {
    this.frame?.contentWindow?.postMessage({ protocol: PROTOCOL, ...message }, this.origin);
  }

  sendViewport() {
    const box = this.frame?.getBoundingClientRect();
    if (!box) return;
    const top = Math.max(0, -box.top);
    const height = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0));
    this.post({ type: 'viewport', top, height });
  }

  /** The theme: attributes first, then --kw-* custom properties on the element. Keyward checks it. */
  get theme() {
    const style = getComputedStyle(this);
    const theme = {};
    for (const token of TOKENS) {
      const value = this.getAttribute(token) ?? style.getPropertyValue(`--kw-${token}`).trim();
      if (value) theme[token] = value;
    }
    return theme;
  }

  /** Sends the theme again (after changing --kw-* properties, which no callback reports). */
  refreshTheme() {
    this.post({ type: 'theme', theme: this.theme });
  }

  /** Loads the frame again (and asks Keyward again whether this page may embed it). */
  reload() {
    if (this.on) this.load();
  }

  /** Opens sign-in in a popup; call it from a click. False when the frame is not signed out. */
  signIn() {
    if (!this.signInUrl) return false;
    const popup = open(this.signInUrl, 'keyward-sign-in', 'popup=yes,width=480,height=720');
    if (popup) this.post({ type: 'sign-in' });
    return !!popup;
  }

  /** Signs the person out of Keyward; the frame then shows its sign-in button. */
  signOut() {
    this.post({ type: 'sign-out' });
  }

  receive(event) {
    // Only Keyward's own frame, on Keyward's origin, in Keyward's shapes.
    if (!this.frame || event.origin !== this.origin || event.source !== this.frame.contentWindow)
      return;
    const { protocol, type, detail } = event.data ?? {};
    const valid = Object.hasOwn(DETAILS, type) && DETAILS[type];
    if (protocol !== PROTOCOL || !valid || typeof detail !== 'object' || !detail || !valid(detail))
      return;
    if (type === 'sign-in-url') {
      this.signInUrl = detail.url.startsWith(`${this.origin}/auth/login?`) ? detail.url : null;
      return;
    }
    if (type === 'theme-invalid') {
      this.warned ||= new Set();
      const fresh = detail.tokens.filter((t) => !this.warned.has(`token:${t}`));
      for (const t of fresh) this.warned.add(`token:${t}`);
      if (fresh.length > 0)
        console.warn(`<keyward-security> ignored invalid theme tokens: ${fresh.join(', ')}.`);
      return;
    }
    if (type === 'error') return this.fail(detail.code, detail.message, true);
    if (type === 'resize') this.frame.style.height = `${Math.ceil(detail.height)}px`;
    if (type === 'ready') {
      clearTimeout(this.timer);
      this.shadowRoot.querySelector('a')?.remove();
      if (detail.signedIn) this.signInUrl = null;
      this.refreshTheme();
    }
    if (type === 'ready' || type === 'resize') this.onView();
    this.emit(type, detail);
  }
}

if (!customElements.get('keyward-security')) {
  customElements.define('keyward-security', KeywardSecurity);
}
