// Renders docs/reliability.md again from the figures of the last run
// (test-results/reliability/figures), e.g. after changing the report's wording:
//   npx tsx reliability/support/render.ts
import { writeReport } from './report';

writeReport();
