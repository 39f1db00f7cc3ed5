// Theme tokens a host page may pass into the embedded page. Shared by the frame (which applies
// them) and tests; no imports, so it stays small in the browser. Every value is checked against
// a narrow pattern and set as one custom property: nothing the host sends becomes CSS text.

export type ThemeTokens = {
  accent?: string;
  radius?: string;
  font?: FontName;
  scheme?: 'light' | 'dark' | 'auto';
  background?: string;
  surface?: string;
  text?: string;
  muted?: string;
  danger?: string;
  'font-size'?: string;
};

/** The colour tokens beyond the accent, each one of Keyward's custom properties. */
const COLOURS = {
  background: '--kw-bg',
  surface: '--kw-surface',
  text: '--kw-text',
  muted: '--kw-muted',
  danger: '--kw-danger',
} as const;
type ColourToken = keyof typeof COLOURS;

/** Every token a host may send, as <keyward-security> names its attributes. */
export const THEME_TOKENS = [
  'accent',
  'radius',
  'font',
  'scheme',
  ...(Object.keys(COLOURS) as ColourToken[]),
  'font-size',
] as const;

/** The only font stacks a host can choose, by name. */
export const FONT_STACKS = {
  system: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  serif: 'ui-serif, Georgia, Cambria, "Times New Roman", serif',
  rounded: 'ui-rounded, "SF Pro Rounded", "Nunito", system-ui, sans-serif',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
} as const;
export type FontName = keyof typeof FONT_STACKS;

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const NUM = '\\d{1,3}(?:\\.\\d+)?%?';
const FUNC = new RegExp(
  `^(?:rgb|hsl)a?\\(\\s*${NUM}(?:deg)?\\s*[, ]\\s*${NUM}\\s*[, ]\\s*${NUM}(?:\\s*[,/]\\s*${NUM})?\\s*\\)$`,
  'i',
);
const LENGTH = /^(\d{1,2}(?:\.\d{1,3})?)(px|rem|em)$/;

export function isColour(value: string): boolean {
  return value.length <= 64 && (HEX.test(value) || FUNC.test(value));
}

/** 0–32 px, or 0–2 rem/em: enough for square to pill-shaped cards, never a layout breaker. */
export function isRadius(value: string): boolean {
  const match = LENGTH.exec(value);
  if (!match) return false;
  const n = Number(match[1]);
  return match[2] === 'px' ? n <= 32 : n <= 2;
}

/** 12–20 px, or 0.75–1.25 rem/em: readable, and the layout still holds at 360 px. */
export function isFontSize(value: string): boolean {
  const match = LENGTH.exec(value);
  if (!match) return false;
  const n = Number(match[1]);
  return match[2] === 'px' ? n >= 12 && n <= 20 : n >= 0.75 && n <= 1.25;
}

const isFont = (value: string): value is FontName => Object.hasOwn(FONT_STACKS, value);
const isScheme = (value: string): value is 'light' | 'dark' | 'auto' =>
  value === 'light' || value === 'dark' || value === 'auto';

const CHECKS: Record<(typeof THEME_TOKENS)[number], (value: string) => boolean> = {
  accent: isColour,
  radius: isRadius,
  font: isFont,
  scheme: isScheme,
  background: isColour,
  surface: isColour,
  text: isColour,
  muted: isColour,
  danger: isColour,
  'font-size': isFontSize,
};

/**
 * The valid tokens of `input`, and the names of the known tokens it gave an unusable value (the
 * host is told, by name, in a console warning). Unknown keys and non-strings are dropped.
 */
export function checkTheme(input: unknown): { theme: ThemeTokens; invalid: string[] } {
  if (typeof input !== 'object' || input === null) return { theme: {}, invalid: [] };
  const raw = input as Record<string, unknown>;
  const theme: Record<string, string> = {};
  const invalid: string[] = [];
  for (const token of THEME_TOKENS) {
    const value = raw[token];
    if (value === undefined || value === '') continue;
    const text = typeof value === 'string' ? value.trim() : '';
    if (CHECKS[token](text)) theme[token] = text;
    else invalid.push(token);
  }
  return { theme: theme as ThemeTokens, invalid };
}

/** The valid tokens of `input`; anything else (unknown keys, bad values, non-strings) is dropped. */
export function validTheme(input: unknown): ThemeTokens {
  return checkTheme(input).theme;
}

/** Black or white text on a hex `colour`, whichever reads better (WCAG relative luminance). */
export function textOn(colour: string): string | undefined {
  if (!HEX.test(colour)) return undefined;
  let hex = colour.slice(1);
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white is 1.05/(l+0.05), with black (l+0.05)/0.05; equal at l ≈ 0.179.
  return l > 0.179 ? '#000000' : '#ffffff';
}

/** Sets the tokens on `root` as custom properties; tokens not given go back to Keyward's own. */
export function applyTheme(root: HTMLElement, theme: ThemeTokens): void {
  const set = (name: string, value: string | undefined) =>
    value === undefined ? root.style.removeProperty(name) : root.style.setProperty(name, value);
  set('--kw-accent', theme.accent);
  set('--kw-accent-text', theme.accent ? textOn(theme.accent) : undefined);
  set('--kw-focus', theme.accent);
  set('--kw-radius', theme.radius);
  set('--kw-font', theme.font ? FONT_STACKS[theme.font] : undefined);
  set('--kw-font-size', theme['font-size']);
  for (const token of Object.keys(COLOURS) as ColourToken[]) set(COLOURS[token], theme[token]);
  set('--kw-danger-text', theme.danger ? textOn(theme.danger) : undefined);
  if (theme.scheme && theme.scheme !== 'auto') root.dataset.kwScheme = theme.scheme;
  else delete root.dataset.kwScheme;
}
