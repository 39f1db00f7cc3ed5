import 'server-only';

type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * One JSON line per event. Callers pass identifiers and outcomes only: never bodies, tokens,
 * public keys, user handles or Auth0's raw error bodies.
 */
export function log(level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else if (process.env.NODE_ENV !== 'test') console.log(line);
}
