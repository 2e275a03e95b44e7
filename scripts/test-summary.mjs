// Prints one closing line over the unit and end-to-end reports:
// "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const [unitPath, e2ePath] = process.argv.slice(2);
const unit = JSON.parse(readFileSync(unitPath, 'utf8'));
const e2e = JSON.parse(readFileSync(e2ePath, 'utf8'));

const passed = unit.numPassedTests + (e2e.stats?.expected ?? 0);
const failed =
  unit.numFailedTests + (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0);
const skipped =
  unit.numPendingTests + unit.numTodoTests + (e2e.stats?.skipped ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
