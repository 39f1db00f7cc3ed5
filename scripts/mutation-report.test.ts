import { describe, expect, it } from 'vitest';
import { inScope } from './mutation';
import { mutantKeys, reasonProblem } from './mutation-report';

const at = (line: number, column: number, endColumn: number) => ({
  start: { line, column },
  end: { line, column: endColumn },
});

describe('docs/mutation.md’s rules for a survivor’s reason', () => {
  it('takes an argued equivalence, and refuses a missing reason, "not covered" and a bare label', () => {
    expect(reasonProblem('Equivalent: the lock is released in finally either way')).toBeNull();
    expect(reasonProblem(undefined)).toBe('UNEXPLAINED');
    expect(reasonProblem('Equivalent: not covered by any test yet')).toMatch(/^INVALID/);
    expect(reasonProblem('Equivalent: yes')).toMatch(/^INVALID/);
    expect(reasonProblem('Gap: a test will follow, promise')).toMatch(/^INVALID/);
  });
});

describe('a survivor’s key in the reasons file', () => {
  it('names the mutator, the code and its replacement, and numbers identical ones', () => {
    const source = 'if (a > b) return;\nif (a > b) return;\n';
    const mutant = (id: string, line: number) => ({
      id,
      mutatorName: 'EqualityOperator',
      replacement: 'a >= b',
      status: 'Survived',
      location: at(line, 5, 10),
    });
    const second = mutant('2', 2);
    const first = mutant('1', 1);
    const keys = mutantKeys(source, [second, first]);
    expect(keys.get(first)).toBe('EqualityOperator: a > b → a >= b');
    expect(keys.get(second)).toBe('EqualityOperator: a > b → a >= b #2');
  });
});

describe('the mutation scope', () => {
  it('reads globs in order, a later `!` taking a file out', () => {
    const files = [
      'lib/a/x.ts',
      'lib/a/x.test.ts',
      'lib/b.ts',
      'app/api/y/route.ts',
      'app/page.tsx',
    ];
    expect(inScope(['lib/a/**/*.ts', 'app/**/route.ts', '!**/*.test.ts'], files)).toEqual([
      'lib/a/x.ts',
      'app/api/y/route.ts',
    ]);
  });
});
