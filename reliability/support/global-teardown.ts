import os from 'node:os';
import { saveFigures } from './figures';
import { writeReport } from './report';
import type { RunFigures } from './types';

export default function globalTeardown(): void {
  const run: RunFigures = {
    startedAt: Number(process.env.RELIABILITY_STARTED_AT ?? Date.now()),
    endedAt: Date.now(),
    loadAtStart: process.env.RELIABILITY_LOAD_AT_START ?? '?',
    loadAtEnd: os.loadavg()[0]?.toFixed(1) ?? '?',
  };
  saveFigures('run', run);
  writeReport();
}
