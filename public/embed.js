// <keyward-security>: Keyward's security page in a host page. No dependencies; load it as a module
// from the Keyward it should show: <script type="module" src="https://keyward.example/embed.js">.
// Types: /embed.d.ts. Protocol: lib/embed/messages.ts (this file keeps its own small copy).

const ORIGIN = new URL(import.meta.url).origin;
const PROTOCOL = 'keyward/1';
const TOKENS = ['accent', 'radius', 'font', 'scheme'];
const str = (v) => typeof v === 'string';
const factor = (d) => str(d.id) && str(d.name) && str(d.kind);
// What each event's detail must look like; anything else from the frame is dropped.
const DETAILS = {
  ready: (d) => typeof d.signedIn === 'boolean',
  resize: (d) => Number.isFinite(d.height) && d.height >= 0 && d.height < 1e5,
  'signed-out': () => true,
  error: (d) => str(d.code) && str(d.message),
  'factor-added': factor,
  'factor-renamed': (d) => factor(d) && str(d.previousName),
  'factor-removed': (d) => factor(d) && typeof d.pending === 'boolean',
  'session-ended': (d) => str(d.id) && typeof d.current === 'boolean',
};

class KeywardSecurity extends HTMLElement {
  static observedAttributes = TOKENS;

  connectedCallback() {
    if (this.frame) return;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<style>:host{display:block}iframe{display:block;width:100%;height:320px;border:0}</style>';
    const frame = document.createElement('iframe');
    frame.src = `${ORIGIN}/embed/security?host=${encodeURIComponent(location.origin)}`;
    frame.title = this.getAttribute('label') || 'Keyward: sign-in and security settings';
    // WebAuthn in a cross-origin frame needs the host's delegation (and Keyward's own policy).
    frame.allow = `publickey-credentials-create ${ORIGIN}; publickey-credentials-get ${ORIGIN}`;
    this.frame = frame;
    this.listener = (event) => this.receive(event);
    addEventListener('message', this.listener);
    // Which part of the frame is on screen, for the frame to centre its dialogs in.
    this.onView = () => {
      cancelAnimationFrame(this.viewFrame);
      this.viewFrame = requestAnimationFrame(() => this.sendViewport());
    };
    addEventListener('scroll', this.onView, { passive: true, capture: true });
    addEventListener('resize', this.onView, { passive: true });
    root.append(frame);
  }

  sendViewport() {
    const box = this.frame?.getBoundingClientRect();
    if (!box) return;
    const top = Math.max(0, -box.top);
    const height = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0));
    this.frame.contentWindow?.postMessage(
      { protocol: PROTOCOL, type: 'viewport', top, height },
      ORIGIN,
    );
  }

  disconnectedCallback() {
    removeEventListener('message', this.listener);
    removeEventListener('scroll', this.onView, { capture: true });
    removeEventListener('resize', this.onView);
    this.frame?.remove();
    this.frame = null;
    this.shadowRoot.innerHTML = '';
  }

  attributeChangedCallback() {
    this.refreshTheme();
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
    this.frame?.contentWindow?.postMessage(
      { protocol: PROTOCOL, type: 'theme', theme: this.theme },
      ORIGIN,
    );
  }

  receive(event) {
    // Only Keyward's own frame, on Keyward's origin, in Keyward's shapes.
    if (!this.frame || event.origin !== ORIGIN || event.source !== this.frame.contentWindow) return;
    const { protocol, type, detail } = event.data ?? {};
    const valid = Object.hasOwn(DETAILS, type) && DETAILS[type];
    if (
      protocol !== PROTOCOL ||
      !valid ||
      typeof detail !== 'object' ||
      !detail ||
      !valid(detail)
    ) {
      return;
    }
    if (type === 'resize') this.frame.style.height = `${Math.ceil(detail.height)}px`;
    if (type === 'ready') this.refreshTheme();
    if (type === 'ready' || type === 'resize') this.onView();
    this.dispatchEvent(
      new CustomEvent(`keyward:${type}`, { detail, bubbles: true, composed: true }),
    );
  }
}

if (!customElements.get('keyward-security')) {
  customElements.define('keyward-security', KeywardSecurity);
}
