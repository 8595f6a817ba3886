// Runs every *.test.ts under test/ and src/ with Node's test runner (TypeScript through tsx).
// Extra arguments filter files by substring: node scripts/run-tests.mjs ingest costs
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function findTests(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const filters = process.argv.slice(2);
const files = ['test', 'src']
  .flatMap(findTests)
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// PostgreSQL and Chromium: the machine's own, or the builds bundled as dev dependencies. A whole run
// stops here when one is missing; a filtered run goes on (it may not need them) after saying so.
const check = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/check-test-prerequisites.ts'], {
  stdio: 'inherit',
});
if (check.status !== 0 && filters.length === 0) {
  console.error('The suite did not start: install what is missing above, then run npm test again.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
