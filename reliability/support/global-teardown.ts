import { writeReport } from './report';

export default function globalTeardown(): void {
  writeReport(Number(process.env.RELIABILITY_STARTED_AT ?? Date.now()));
}
