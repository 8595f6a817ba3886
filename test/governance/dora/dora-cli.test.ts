import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { applyCatalog } from '../../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../../src/app/audit/record-audit.js';
import { applyPolicy, applyRateCard } from '../../../src/app/governance/apply-governance-config.js';
import { actingUser } from '../../../src/app/governance/governance-context.js';
import { snapshotDatabase } from '../../support/database-snapshot.js';
import { runCli } from '../../support/run-cli.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { withStores } from '../../support/with-stores.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('tollgate incident record/costs and tollgate dora, run as a user runs them (built CLI)', () => {
  const dir = makeTempDir();
  const path = join(dir, 'tollgate.duckdb');
  const tg = (...args: string[]) => runCli(['--db', path, ...args]);
  const start = ['--service', 'payments', '--env', 'production', '--start', '2026-03-04T11:00:00Z'];

  before(async () => {
    const actor = actingUser(undefined, process.env);
    await withStores(path, async (stores) => {
      await applyCatalog(stores, fixture('catalog.yaml'), commandLineActor());
      await applyRateCard(stores, readFileSync(fixture('rates.yaml'), 'utf8'), fixture('rates.yaml'), actor);
      await applyPolicy(
        stores,
        readFileSync(fixture('governance.yaml'), 'utf8'),
        fixture('governance.yaml'),
        actor,
      );
    });
  });

  it('refuses a responder that is not role:hours (exit 2) and a detection outside the incident (exit 1), changing nothing', async () => {
    const before = await snapshotDatabase(path);
    const usage = await tg('incident', 'record', ...start, '--responder', 'engineer');
    assert.equal(usage.code, 2, usage.stderr);
    assert.match(usage.stderr, /error \[INCIDENT_BAD_RESPONDER\]: --responder 'engineer' is not role:hours/);
    const outside = await tg(
      'incident',
      'record',
      ...start,
      '--resolved',
      '2026-03-04T12:00:00Z',
      '--detected',
      '2026-03-04T12:30:00Z',
    );
    assert.equal(outside.code, 1, outside.stderr);
    assert.match(outside.stderr, /error \[INCIDENT_BAD_DETECTION\]/);
    assert.deepEqual(await snapshotDatabase(path), before, 'a refused command changed the database');
  });

  it('records an incident with its responders and credits, and prints what it cost', async () => {
    const recorded = await tg(
      'incident',
      'record',
      ...start,
      '--id',
      'INC-7',
      '--resolved',
      '2026-03-04T12:00:00Z',
      '--detected',
      '2026-03-04T11:05:00Z',
      '--responder',
      'engineer:2',
      '--responder',
      'cab-member:0.5',
      '--sla-credits',
      '300',
      '--json',
    );
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.deepEqual(JSON.parse(recorded.stdout).responders, [
      { role: 'engineer', hours: '2' },
      { role: 'cab-member', hours: '0.5' },
    ]);
    const costs = await tg('incident', 'costs', '--from', '2026-03-01', '--to', '2026-04-01', '--json');
    assert.equal(costs.code, 0, costs.stderr);
    const report = JSON.parse(costs.stdout);
    // 2 x 100 + 0.5 x 120 = 260; + 300 credits; the fixture catalogue states no revenue per hour
    assert.deepEqual(
      [report.totals.responderCost, report.totals.total, report.totals.incomplete],
      ['260', '560', 1],
    );
    const human = await tg('incident', 'costs', '--from', '2026-03-01', '--to', '2026-04-01');
    assert.match(human.stdout, /INC-7 .* 560\.00 \*/);
    assert.match(human.stdout, /INC-7: The catalogue states no revenue per outage hour for payments/);
  });

  it('prints the five DORA metrics with version and definitions; refuses an unknown team with exit 2', async () => {
    const json = await tg('dora', '--from', '2026-03-01', '--to', '2026-04-01', '--json');
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.version, 'tollgate-dora-2024.1');
    assert.equal(report.incidentsWithoutDeployment, 1);
    const human = await tg('dora', '--from', '2026-03-01', '--to', '2026-04-01', '--definitions');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /DORA tollgate-dora-2024\.1/);
    assert.match(human.stdout, /- deploymentReworkRate: .*\n {2}band: Not banded/);
    const unknown = await tg('dora', '--team', 'ghost');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /error \[UNKNOWN_TEAM\]: There is no team 'ghost'/);
  });
});
