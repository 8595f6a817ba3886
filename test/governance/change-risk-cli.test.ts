import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** tollgate changes risk: its contract (human and --json output, exit 1 and 2, the error line). */
describe('tollgate changes risk', () => {
  it('prints the risk with its inputs, and refuses a bad --at or an unknown change', async () => {
    const db = join(makeTempDir(), 'tollgate.duckdb');
    for (const args of [
      ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
      ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
      ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
      [
        'changes',
        'request',
        '--service',
        'docs-site',
        '--env',
        'production',
        '--estimate',
        '300',
        '--at',
        '2026-03-01T09:00:00Z',
      ],
    ]) {
      const result = await runCli(['--db', db, ...args]);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
    const listed = await runCli(['--db', db, 'changes', 'show', '--json']);
    const id = (JSON.parse(listed.stdout) as { id: string }[])[0]!.id;

    const human = await runCli(['--db', db, 'changes', 'risk', id, '--at', '2026-03-04T10:00:00Z']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stdout,
      new RegExp(
        `^${id}: failure probability 0\\.5000, money at stake 300\\.00 EUR \\(its change model has no risk pre-approval\\)`,
      ),
    );
    assert.match(human.stdout, /organisation 0\/0; no earlier failure of the service/);

    const json = await runCli(['--db', db, 'changes', 'risk', id, '--at', '2026-03-04T10:00:00Z', '--json']);
    assert.equal(json.code, 0);
    assert.equal(JSON.parse(json.stdout).failureProbability, '0.5000');

    const badTime = await runCli(['--db', db, 'changes', 'risk', id, '--at', 'soon']);
    assert.equal(badTime.code, 2);
    assert.match(badTime.stderr, /^error \[RISK_BAD_TIME\]: --at 'soon' is not an ISO-8601 time/m);
    const unknown = await runCli(['--db', db, 'changes', 'risk', 'CHG-404']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^error \[CHANGE_NOT_FOUND\]/m);
  });
});
