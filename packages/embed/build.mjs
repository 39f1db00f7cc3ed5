// Builds the package (dist/): embed.js minified, its types, and the React wrapper with its types.
// `node build.mjs --public` also writes embed.js and embed.d.ts to the app's public/, which serves
// the same files (test/embed/embed-element.test.ts fails when they are out of date).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const read = (file) => readFileSync(join(here, 'src', file), 'utf8');

/** The package's files, by name in dist/. */
export async function buildEmbed() {
  const options = { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' };
  const embed = await transform(read('embed.js'), { ...options, loader: 'js' });
  const react = await transform(read('react.tsx'), { ...options, loader: 'tsx', jsx: 'automatic' });
  const types = ts.transpileDeclaration(read('react.tsx'), {
    fileName: 'react.tsx',
    compilerOptions: { jsx: ts.JsxEmit.ReactJSX, strict: true },
    reportDiagnostics: true,
  });
  if (types.diagnostics?.length) {
    const text = types.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error(`react.tsx declarations: ${text.join('; ')}`);
  }
  return {
    'embed.js': embed.code,
    'embed.d.ts': read('embed.d.ts'),
    'react.js': react.code,
    'react.d.ts': types.outputText,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildEmbed();
  mkdirSync(join(here, 'dist'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(here, 'dist', name), text);
  if (process.argv.includes('--public')) {
    for (const name of ['embed.js', 'embed.d.ts'])
      writeFileSync(join(here, '..', '..', 'public', name), files[name]);
  }
}
