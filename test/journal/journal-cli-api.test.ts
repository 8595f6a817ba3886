import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startApi } from '../api/api-harness.js';
import { ALLOCATION_LINES, allocatePeriod } from '../contracts/allocation-run-store.contract.js';
import { stage } from '../contracts/cost-store.contract.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const MAP =
  'clearing_account: "2100"\nexpense_account: "6100"\ncost_centres:\n  cc: CC100\n  unallocated: CC999\n';

describe('finance journal and invoice settlement from the command line and over HTTP', () => {
  it('tollgate journal map apply, export journal, invoices tolerance/accept and periods close', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'cli.duckdb');
    const runId = await withStores(db, async (stores) => {
      await stage(stores, ALLOCATION_LINES, 'cli_journal_lines');
      await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'cli_journal_lines' });
      return allocatePeriod(stores, '2026-01');
    });
    const noMap = await runCli(['export', 'journal', '--period', '2026-01', '--db', db]);
    assert.equal(noMap.code, 1);
    assert.match(noMap.stderr, /^error \[JOURNAL_NO_MAP\]: .*apply it as the journal map/);
    writeFileSync(join(dir, 'bad.yaml'), 'clearing_account: [\n');
    const bad = await runCli(['journal', 'map', 'apply', join(dir, 'bad.yaml'), '--db', db]);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^error \[JOURNAL_MAP_INVALID\]: .*bad\.yaml has 1 problem; nothing was changed/,
    );
    writeFileSync(join(dir, 'map.yaml'), MAP);
    const applied = await runCli(['journal', 'map', 'apply', join(dir, 'map.yaml'), '--db', db]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /Journal map version 1 applied: 2 cost centre\(s\), clearing account 2100/);

    const out = join(dir, 'out');
    const written = await runCli([
      'export',
      'journal',
      '--period',
      '2026-01',
      '--out',
      out,
      '--json',
      '--db',
      db,
    ]);
    assert.equal(written.code, 0, written.stderr);
    const summary = JSON.parse(written.stdout);
    assert.deepEqual(
      summary.totals.map(
        (t: { currency: string; journalTotal: string }) => `${t.currency} ${t.journalTotal}`,
      ),
      ['EUR 100.00', 'USD 22.12'],
    );
    assert.deepEqual(readdirSync(out), [`journal-2026-01-run${runId}.csv`]);
    const csv = readFileSync(join(out, `journal-2026-01-run${runId}.csv`), 'utf8');
    const printed = await runCli(['export', 'journal', '--period', '2026-01', '--db', db]);
    assert.equal(printed.stdout, csv, 'printed and written journals are the same');
    const badFormat = await runCli([
      'export',
      'journal',
      '--period',
      '2026-01',
      '--format',
      'xml',
      '--db',
      db,
    ]);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format xml is not one of csv, json/);

    // Invoices: one open difference blocks the close until it is accepted.
    writeFileSync(
      join(dir, 'invoices.csv'),
      'invoice_id,account,period,currency,amount,tax\nINV-1,a9,2026-01,USD,5,0\n',
    );
    assert.equal((await runCli(['invoices', 'load', join(dir, 'invoices.csv'), '--db', db])).code, 0);
    const blocked = await runCli(['periods', 'close', '2026-01', '--db', db]);
    assert.equal(blocked.code, 1);
    assert.match(
      blocked.stderr,
      /^error \[PERIOD_INVOICES_OPEN\]: 2026-01 cannot be closed: .*INV-1 \(USD 5, allowed 0\)/,
    );
    const noScope = await runCli(['invoices', 'tolerance', 'set', '--absolute', '1', '--db', db]);
    assert.equal(noScope.code, 2);
    assert.match(noScope.stderr, /Name exactly one of --account ID, --provider NAME or --default/);
    const tolerance = await runCli([
      'invoices',
      'tolerance',
      'set',
      '--account',
      'a9',
      '--absolute',
      '1',
      '--percent',
      '50',
      '--db',
      db,
    ]);
    assert.equal(tolerance.code, 0, tolerance.stderr);
    assert.match(tolerance.stdout, /Tolerance set: account a9: 1 or 50% \(the smaller\)/);
    const reconcile = await runCli(['invoices', 'reconcile', '--period', '2026-01', '--db', db]);
    assert.equal(reconcile.code, 1);
    assert.match(reconcile.stdout, /^open +INV-1 USD .*difference 5 \(allowed 1\)/);
    const noReason = await runCli(['invoices', 'accept', 'INV-1', '--reason', ' ', '--db', db]);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /--reason must say why/);
    const accepted = await runCli([
      'invoices',
      'accept',
      'INV-1',
      '--reason',
      'lines arrive next month',
      '--db',
      db,
    ]);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.equal((await runCli(['periods', 'close', '2026-01', '--db', db])).code, 0);

    // Over HTTP: the same journal, frozen now the period is closed.
    const api = await startApi({}, {}, async (path) => {
      copyFileSync(db, path);
      if (existsSync(`${db}.wal`)) copyFileSync(`${db}.wal`, `${path}.wal`);
    });
    const response = await api.request('/api/v1/exports/journal?period=2026-01', { role: 'viewer' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(await response.text(), csv);
    const json = await api.json('/api/v1/exports/journal?period=2026-01&format=json');
    assert.equal(json.body.closed, true);
    assert.equal(json.body.mapVersion, 1);
    const unmapped = await api.json('/api/v1/journal/map', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clearing_account: '2100', expense_account: '6100', cost_centres: { zz: 'C1' } }),
    });
    assert.equal(unmapped.status, 200);
    assert.equal(unmapped.body.version, 2);
    assert.equal(await (await api.request('/api/v1/exports/journal?period=2026-01')).text(), csv);
    const badMap = await api.json('/api/v1/journal/map', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clearing_account: '=2100' }),
    });
    assert.equal(badMap.status, 422);
    assert.equal(badMap.body.error.code, 'JOURNAL_MAP_INVALID');
    assert.equal((await api.json('/api/v1/journal/map', { role: 'viewer' })).body.current.version, 2);
    const notAllocated = await api.json('/api/v1/exports/journal?period=2026-02');
    assert.equal(notAllocated.status, 409);
    assert.equal(notAllocated.body.error.code, 'EXPORT_NOT_ALLOCATED');
  });
});
