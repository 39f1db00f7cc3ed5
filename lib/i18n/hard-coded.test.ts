import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages';

// Fails when a string a person would read is written into a component or page instead of the
// catalogue, or when lib/ writes an API error message the catalogue does not have.
//
// UI (components/, app/ pages and layouts): JSX text with letters; literal values of attributes
// people read (aria-label, title, alt, placeholder…); and string literals that read like words
// for people: a capitalised word, a sentence, or typographic quotes or ellipsis.
// lib/: every sentence-like literal must be an English `server` entry (placeholders allowed),
// except the operator-facing log and SQL texts listed below.

const ROOT = join(__dirname, '..', '..');

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}

const isSource = (path: string) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path);

// Names, not words: the product, brands, protocols.
const ALLOWED = new Set([
  'Escape',
  'Enter',
  'Tab',
  'Keyward',
  'SHA-1',
  'Google',
  'Apple',
  'GitHub',
  'Microsoft',
  'Facebook',
  'LinkedIn',
  'X',
  'GitLab',
  'Bitbucket',
  'Amazon',
]);
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'alt', 'placeholder']);
// Attributes whose strings are for machines or the stylesheet.
const CODE_ATTRIBUTES =
  /^(className|class|id|key|href|type|role|rel|method|target|name|htmlFor|autoComplete|data-.*|aria-(live|hidden|current|haspopup|controls|labelledby|describedby)|dateTime|viewBox|d|fill|stroke.*|strokeLinecap|strokeLinejoin|x|y|cx|cy|r|rx|width|height|points|transform|focusable|xmlns|lang|src)$/;

/** Reads like words for a person: "Remove", "Try again", "Added “X”.", "Loading…". */
function looksHuman(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || ALLOWED.has(trimmed)) return false;
  if (/[“”‘’…]/.test(trimmed) && /[A-Za-z]/.test(trimmed)) return true;
  // PascalCase identifiers ("NotAllowedError") and constants are code.
  if (/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(trimmed) || /^[A-Z0-9_]+$/.test(trimmed)) return false;
  return /^[A-Z][a-z]+(?:[\s,.:;!?&-]|$)/.test(trimmed);
}

type Finding = { file: string; line: number; text: string };

function uiFindings(file: string): Finding[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text,
    });

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node)) {
      const text = node.getText().trim();
      if (/[A-Za-z]/.test(text) && !ALLOWED.has(text)) report(node, text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText();
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) {
        const read = READ_ATTRIBUTES.has(name) && /[A-Za-z]/.test(init.text);
        if (read || looksHuman(init.text)) report(init, init.text);
        return;
      }
      if (CODE_ATTRIBUTES.test(name)) return;
    }
    // Keys of translators and of lookups: t('security.add.passkey'), labels['passkey'].
    if (
      ts.isCallExpression(node) &&
      /^(t|common|server|t\.rich|serverText|localizeServerText|useTranslations|getTranslations|commonText)$/.test(
        node.expression.getText(),
      )
    ) {
      for (const arg of node.arguments.slice(1)) visit(arg);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksHuman(node.text)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      // Markup (tags and their attributes) is code; the text between tags is what people read.
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].map((p) =>
        p.replace(/<[^>]*(>|$)|^[^<]*>/g, ' '),
      );
      if (
        parts.some(
          (p) => looksHuman(p) || (/[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(p) && !/[-:[\]]/.test(p)),
        )
      ) {
        report(node, node.getText());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// lib/ texts that are for operators (logs) or databases, not for the person using the page.
const LIB_NOT_USER_FACING = [
  /^Keyward runs without REDIS_URL/,
  /^(SELECT|DELETE|INSERT|UPDATE|CREATE) /,
];

// Each English `server` entry as a person reads it, with a sample value in every placeholder.
const SERVER_ENGLISH = Object.values(MESSAGES.en.server).map((text) =>
  text.replace(/\{\w+\}/g, '7'),
);

/** A lib/ text (its substitutions as "{x}") that renders as one of the catalogue's entries. */
function inCatalogue(text: string): boolean {
  const pattern = text
    .split('{x}')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
  const re = new RegExp(`^${pattern}$`, 's');
  return SERVER_ENGLISH.some((entry) => re.test(entry));
}

function libFindings(file: string): Finding[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: Finding[] = [];
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    // A template's parts with "{x}" for each substitution, to match the catalogue's placeholders.
    if (ts.isTemplateExpression(node)) {
      text = [node.head.text, ...node.templateSpans.map((s) => `{x}${s.literal.text}`)].join('');
    }
    if (text !== null && /^[A-Z“]/.test(text) && /\s/.test(text) && /[.?!…]$/.test(text)) {
      const known = inCatalogue(text) || LIB_NOT_USER_FACING.some((re) => re.test(text ?? ''));
      if (!known) {
        found.push({
          file,
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          text,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const UI_FILES = [
  ...files('components', isSource),
  ...files('app', (p) => isSource(p) && !p.startsWith(join('app', 'api'))),
  // The proxy writes the sign-in-unavailable page and its own JSON errors.
  'proxy.ts',
];
// lib/doctor (npm run doctor's terminal output) and lib/diagnostics (log lines) speak to the
// operator, in English, never to the person on the page.
const OPERATOR_ONLY = ['i18n', 'doctor', 'diagnostics'].map((dir) => join('lib', dir));
const LIB_FILES = files(
  'lib',
  (p) => isSource(p) && !OPERATOR_ONLY.some((dir) => p.startsWith(dir)),
);

const show = (f: Finding) => `${relative('.', f.file)}:${f.line} ${JSON.stringify(f.text)}`;

describe('no user-facing string outside the catalogue', () => {
  it('scans the UI and lib/', () => {
    expect(UI_FILES.length).toBeGreaterThan(20);
    expect(LIB_FILES.length).toBeGreaterThan(20);
  });

  it('components and pages take every word from the catalogue', () => {
    expect(UI_FILES.flatMap(uiFindings).map(show)).toEqual([]);
  });

  it('every API error message in lib/ is in the catalogue', () => {
    expect(LIB_FILES.flatMap(libFindings).map(show)).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const probe = (code: string) => {
      const source = ts.createSourceFile(
        'probe.tsx',
        code,
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      let found = 0;
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /[A-Za-z]/.test(node.getText())) found++;
        if (ts.isStringLiteral(node) && looksHuman(node.text)) found++;
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    };
    expect(probe('const a = <button>Remove</button>;')).toBe(1);
    expect(probe("const a = { label: 'Try again' };")).toBe(1);
    expect(probe("const a = 'Added “Desk key”.';")).toBe(1);
    expect(
      probe(
        "const a = <p className=\"flex gap-2\">{t('x')}</p>; if (e.name === 'NotAllowedError') {}",
      ),
    ).toBe(0);
  });
});
