import { describe, expect, it } from 'vitest';
import { inScope, keepOthers } from './mutation';
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

describe('the committed results after a partial run', () => {
  it('keeps the other files’ results, and their tests apart from this run’s same-numbered ones', () => {
    const report = (file: string, testFile: string, test: string) => ({
      files: { [file]: { mutants: [{ status: 'Killed', coveredBy: ['0'], killedBy: ['0'] }] } },
      testFiles: { [testFile]: { tests: [{ id: '0', name: test }] } },
    });
    const earlier = report('lib/a.ts', 'lib/a.test.ts', 'guards a');
    const merged = keepOthers(earlier, report('lib/b.ts', 'lib/b.test.ts', 'guards b'), [
      'lib/b.ts',
    ]);
    expect(merged.files['lib/a.ts']?.mutants[0]?.killedBy).toEqual(['lib/a.test.ts > guards a']);
    expect(merged.files['lib/b.ts']?.mutants[0]?.coveredBy).toEqual(['lib/b.test.ts > guards b']);
    expect(merged.testFiles?.['lib/a.test.ts']?.tests[0]?.id).toBe('lib/a.test.ts > guards a');
    // A file this run mutated again takes this run's result only.
    const again = keepOthers(merged, report('lib/a.ts', 'lib/a.test.ts', 'guards a'), ['lib/a.ts']);
    expect(Object.keys(again.files)).toEqual(['lib/a.ts', 'lib/b.ts']);
  });
});
