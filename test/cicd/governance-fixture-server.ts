import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type ApiHarness, startApi } from '../api/api-harness.js';
import { runCli } from '../support/run-cli.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;

/** Loads the governance test fixtures (catalogue, rate card, policy, release R-2026-03) into a file. */
export async function loadGovernanceFixtures(dbPath: string) {
  for (const args of [
    ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
    ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
    ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
    ['release', 'create', '--file', join(FIXTURES, 'release.yaml'), '--at', '2026-03-01T09:00:00Z'],
  ]) {
    const result = await runCli(['--db', dbPath, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
}

/** A real API server over the governance fixtures; `prepare` runs on the file before it opens. */
export function startGovernanceApi(prepare?: (dbPath: string) => Promise<void>): Promise<ApiHarness> {
  return startApi({}, {}, async (dbPath) => {
    await loadGovernanceFixtures(dbPath);
    await prepare?.(dbPath);
  });
}

/** A loopback port with nothing listening: taken, then given back. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
