// Remembers when the run started and how busy the machine was, for docs/reliability.md.
import os from 'node:os';

export default function globalSetup(): void {
  process.env.RELIABILITY_STARTED_AT = String(Date.now());
  process.env.RELIABILITY_LOAD_AT_START = os.loadavg()[0]?.toFixed(1) ?? '?';
}
