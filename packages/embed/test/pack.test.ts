import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm pack` gives a tarball a team can install: into a scratch project with TypeScript and
// React's types (linked from this repo's node_modules, so nothing is downloaded), where a TSX file
// using the element and <KeywardSecurity> typechecks, and a wrong prop does not.

const pkg = new URL('..', import.meta.url).pathname;
const repo = join(pkg, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'keyward-embed-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm pack of @keyward/embed', () => {
  it('installs into a scratch project and typechecks there', { timeout: 180_000 }, () => {
    const out = run('npm', ['pack', '--pack-destination', scratch, '--silent'], pkg).trim();
    const tarball = join(scratch, out.split('\n').at(-1) ?? '');
    const modules = join(repo, 'node_modules');
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        private: true,
        dependencies: {
          '@keyward/embed': `file:${tarball}`,
          typescript: `file:${join(modules, 'typescript')}`,
          '@types/react': `file:${join(modules, '@types/react')}`,
          csstype: `file:${join(modules, 'csstype')}`,
        },
      }),
    );
    run('npm', ['install', '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund'], scratch);
    const files = readdirSync(join(scratch, 'node_modules', '@keyward', 'embed', 'dist')).sort();
    expect(files).toEqual(['embed.d.ts', 'embed.js', 'react.d.ts', 'react.js']);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          jsx: 'react-jsx',
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          skipLibCheck: false,
          types: [],
        },
        include: ['app.tsx'],
      }),
    );
    writeFileSync(
      join(scratch, 'app.tsx'),
      `import '@keyward/embed';
import { KeywardSecurity, type KeywardSecurityProps } from '@keyward/embed/react';

const element = document.querySelector('keyward-security');
element?.addEventListener('keyward:factor-added', (e) => e.detail.kind.toUpperCase());
element?.reload();
const ok: boolean | undefined = element?.signIn();

export const App = () => (
  <KeywardSecurity
    src="https://keyward.example.com"
    loginHint="alice@example.com"
    sections={['passkeys', 'sessions']}
    theme={{ accent: '#1d6b46', 'font-size': '15px' }}
    onFactorAdded={(e) => e.detail.name.length}
    onError={(e) => e.detail.code === 'origin_not_allowed'}
  />
);
// @ts-expect-error: not a section
export const Wrong: KeywardSecurityProps = { src: 'x', sections: ['everything'] };
export { ok };
`,
    );
    const tsc = join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(run(process.execPath, [tsc, '-p', scratch], scratch)).toBe('');
  });
});
