// Remembers when the run started, for the run time in docs/reliability.md.
export default function globalSetup(): void {
  process.env.RELIABILITY_STARTED_AT = String(Date.now());
}
