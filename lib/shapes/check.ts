// Tiny type guards for what Keyward's own API answers, for the browser: a few hundred bytes
// instead of zod (~30 kB gz). The server validates what it receives with zod; here the browser
// only confirms that its own server's answer has the shape it expects before trusting it.
// Each check is a type guard, and the view types are inferred from them (one source).

export type Check<T> = (value: unknown) => value is T;
export type Checked<C> = C extends Check<infer T> ? T : never;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export const isString: Check<string> = (v): v is string => typeof v === 'string';
export const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
export const isCount: Check<number> = (v): v is number => Number.isInteger(v) && Number(v) >= 0;

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v): v is T | null =>
    v === null || check(v);

export const oneOf =
  <const T extends readonly string[]>(values: T): Check<T[number]> =>
  (v): v is T[number] =>
    typeof v === 'string' && values.includes(v);

export const arrayOf =
  <T>(check: Check<T>): Check<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.every(check);

export const objectOf =
  <S extends Record<string, Check<unknown>>>(shape: S): Check<{ [K in keyof S]: Checked<S[K]> }> =>
  (v): v is { [K in keyof S]: Checked<S[K]> } =>
    isRecord(v) && Object.entries(shape).every(([key, check]) => check(v[key]));

/** A reader for `callApi`: the body when it passes `check`, else null. */
export const readWith =
  <T>(check: Check<T>) =>
  (body: unknown): T | null =>
    check(body) ? body : null;
